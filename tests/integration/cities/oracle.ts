import { DEFAULT_MATCHING_CONFIG as C } from '../../../server/config/matching.ts';

/**
 * The matching model recomputed from what GET /api/cities/:id says about two cities, written apart
 * from the server's bitset code: if a reason or a score disagrees with this, the server is wrong.
 */
export type CityView = {
  id: string;
  population: number | null;
  lat: number | null;
  lon: number | null;
  languages: string[];
  priorities: { code: string; stance: 'offer' | 'seek' | 'both' }[];
  routes: { slug: string; role: 'origin' | 'transit' | 'destination' }[];
};

const offers = (c: CityView) => new Set(c.priorities.filter((p) => p.stance !== 'seek').map((p) => p.code));
const seeks = (c: CityView) => new Set(c.priorities.filter((p) => p.stance !== 'offer').map((p) => p.code));
const inter = <T>(a: Iterable<T>, b: Set<T>) => [...a].filter((x) => b.has(x));

const pairValue = (a: string, b: string) => {
  const key = [a, b].sort((x, y) => ['origin', 'transit', 'destination'].indexOf(x) - ['origin', 'transit', 'destination'].indexOf(y)).join('-');
  return C.routePairs[key as keyof typeof C.routePairs];
};

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

export function expectedMatch(source: CityView, candidate: CityView) {
  const W = C.weights;
  const total = W.complementary + W.shared + W.route + W.language + W.size + W.distance;
  const candidateOffers = inter(offers(candidate), seeks(source)).sort();
  const sourceOffers = inter(offers(source), seeks(candidate)).sort();
  const complementary = new Set([...candidateOffers, ...sourceOffers]);
  const shared = inter(source.priorities.map((p) => p.code), new Set(candidate.priorities.map((p) => p.code)))
    .filter((code) => !complementary.has(code)).sort();

  let route: { slug: string; sourceRole: string; candidateRole: string; value: number } | null = null;
  for (const rs of source.routes) {
    for (const rc of candidate.routes) {
      if (rs.slug !== rc.slug) continue;
      const value = pairValue(rs.role, rc.role);
      if (value > 0 && (!route || value > route.value)) route = { slug: rs.slug, sourceRole: rs.role, candidateRole: rc.role, value };
    }
  }
  const languages = inter(source.languages, new Set(candidate.languages)).sort();
  const size = source.population && candidate.population
    ? Math.max(0, 1 - Math.abs(Math.log10(source.population / candidate.population)) / C.sizeSpanDecades) : 0;
  const km = source.lat !== null && source.lon !== null && candidate.lat !== null && candidate.lon !== null
    ? haversineKm({ lat: source.lat, lon: source.lon }, { lat: candidate.lat, lon: candidate.lon }) : null;
  const closeness = km === null ? 0 : Math.max(0, 1 - km / C.distanceMaxKm);

  const nComp = candidateOffers.length + sourceOffers.length;
  const contributions = {
    complementary_priority: (W.complementary * Math.min(nComp, C.saturation.complementary)) / C.saturation.complementary / total,
    shared_priority: (W.shared * Math.min(shared.length, C.saturation.shared)) / C.saturation.shared / total,
    route: (W.route * (route?.value ?? 0)) / total,
    language: (W.language * (languages.length ? 1 : 0)) / total,
    size: (W.size * size) / total,
    distance: (W.distance * closeness) / total,
  };
  const score = Object.values(contributions).reduce((s, x) => s + x, 0);
  return { score, contributions, candidateOffers, sourceOffers, shared, route, languages, km };
}
