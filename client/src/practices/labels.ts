import { useMemo } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';

export interface Labels {
  principle: (slug: string) => string | undefined;
  priority: (code: string) => string | undefined;
  route: (slug: string) => string | undefined;
}

/**
 * Charter and route labels in `lang`, for showing codes and slugs by name. Loaded in the background:
 * until they arrive (or if they fail) the lookups return undefined and callers show the code.
 */
export function useLabels(lang: string): Labels {
  const [taxonomy] = useApi((signal) => api.taxonomy(lang, signal), [lang]);
  const [routes] = useApi((signal) => api.routes(lang, signal), [lang]);
  return useMemo(() => {
    const principles = new Map<string, string>();
    const priorities = new Map<string, string>();
    const routeNames = new Map<string, string>();
    if (taxonomy.status === 'success') {
      for (const p of taxonomy.data.principles ?? []) {
        principles.set(p.slug, p.label);
        for (const pr of p.priorities ?? []) priorities.set(pr.code, pr.label);
      }
    }
    if (routes.status === 'success') for (const r of routes.data.items ?? []) routeNames.set(r.slug, r.name);
    return {
      principle: (slug) => principles.get(slug),
      priority: (code) => priorities.get(code),
      route: (slug) => routeNames.get(slug),
    };
  }, [taxonomy, routes]);
}
