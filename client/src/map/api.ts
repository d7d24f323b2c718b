import { http } from '../api/http';
import type { CitySummary } from '../../../server/contract/cities.ts';
import type { RouteSummary } from '../../../server/contract/migration-routes.ts';
import type { Paginated } from '../../../server/contract/pagination.ts';

export const mapApi = {
  routes: (lang: string, signal?: AbortSignal) => http.get<{ items: RouteSummary[] }>('/api/routes', { query: { lang }, signal }),
  /** Every city with its coordinates, page by page (the map shows them all; capped as a safeguard). */
  async allCities(signal?: AbortSignal, max = 2000): Promise<CitySummary[]> {
    const out: CitySummary[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await http.get<Paginated<CitySummary>>('/api/cities', { query: { limit: 100, cursor: cursor ?? undefined }, signal });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && out.length < max);
    return out;
  },
};
