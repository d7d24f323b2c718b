import { MatchIndex, type CityFeatures } from '../../../server/services/matching/match-index.ts';

/** 35 codes shaped like the Charter's: 7 principles × 5 priorities. */
export const CODES = ['dignity', 'equity', 'recognition', 'participation', 'solidarity', 'community', 'resilience']
  .flatMap((p) => [1, 2, 3, 4, 5].map((n) => `${p}.${n}`));
export const ROUTE_IDS = ['r-central-med', 'r-western-balkans', 'r-darien'];

export const city = (id: string, f: Partial<Omit<CityFeatures, 'id'>> = {}): CityFeatures => ({
  id, population: null, lat: null, lon: null, languages: [], priorities: [], routes: [], ...f,
});

export function indexOf(cities: CityFeatures[]) {
  const ix = new MatchIndex(CODES, ROUTE_IDS, 4);
  for (const c of cities) ix.upsert(c);
  return ix;
}
