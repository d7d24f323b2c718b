import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Taxonomy } from '../../../server/contract/taxonomy.ts';

const cache = new Map<string, Promise<Taxonomy>>();

/** Forget the fetched taxonomies (tests). */
export function resetTaxonomyCache() { cache.clear(); }

/** The taxonomy in `lang` (fetched once per language): every priority code with its label. */
export function useTaxonomy(lang: string): Taxonomy | null {
  const [data, setData] = useState<Taxonomy | null>(null);
  useEffect(() => {
    let live = true;
    let p = cache.get(lang);
    if (!p) {
      p = api.taxonomy(lang);
      cache.set(lang, p);
      p.catch(() => cache.delete(lang));
    }
    p.then((tx) => { if (live) setData(tx); }, () => { if (live) setData(null); });
    return () => { live = false; };
  }, [lang]);
  return data;
}

export function priorityLabels(tx: Taxonomy | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of tx?.principles ?? []) for (const q of p.priorities) out.set(q.code, q.label);
  return out;
}
