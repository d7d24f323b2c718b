import worldCountries from 'world-countries';
import { officialLanguagesOf } from '../server/services/reference/countries.ts';

/**
 * A generated world of cities with the spreads a real network would have (assumptions, stated):
 * - 65% of cities in countries on a migration route (the seeded stage hints, plus the usual origins the
 *   hints leave empty), 35% anywhere; positions around the country's centroid (±~2.5°), 3% unknown
 * - populations log-uniform-ish from 3,000 to 3 million, skewed small; 5% unknown
 * - official languages of the country (one or two), plus English for 25% and French for 10%
 * - 0–12 priorities (8% none, mean ≈ 5) with Zipf-like popularity (a few priorities are everyone's);
 *   stances 30% offer, 45% seek, 25% both
 * - route cities join 1–2 of their country's routes with that stage's role (70%); 6% of other cities
 *   join a random route in a random role
 */

export type GeneratedCity = {
  id: string; name: string; country: string; population: number | null; lat: number | null; lon: number | null;
  languages: string[]; priorities: { code: string; stance: 'offer' | 'seek' | 'both' }[]; routes: { slug: string; role: 'origin' | 'transit' | 'destination' }[];
};

/** Stage countries per route: the seed's hints plus common origins and destinations they leave out. */
const EXTRA_STAGES: Record<string, Partial<Record<'origin' | 'transit' | 'destination', string[]>>> = {
  'central-mediterranean': { origin: ['NG', 'GN', 'CI', 'ML', 'SD', 'ER', 'BD', 'PK'] },
  'western-mediterranean': { origin: ['GN', 'ML', 'CI'] },
  'atlantic-canary': { origin: ['GM', 'ML', 'GN'] },
  'eastern-mediterranean': { origin: ['SY', 'AF', 'IQ', 'PK'] },
  'western-balkans': { origin: ['SY', 'AF', 'PK'], destination: ['DE', 'AT'] },
  darien: { origin: ['VE', 'HT', 'EC'], destination: ['MX', 'US'] },
  'sahara-crossing': { origin: ['NG', 'CM', 'SD'], destination: ['LY', 'DZ'] },
};

export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateWorld(n: number, routes: { slug: string; stageHints: Record<string, string[]> }[], priorityCodes: string[], seed = 20261130): GeneratedCity[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const gauss = () => (r() + r() + r() + r() - 2) * 1.2;

  const centroid = new Map(worldCountries.map((c) => [c.cca2, c.latlng as [number, number]]));
  const langs = new Map(worldCountries.map((c) => [c.cca2, officialLanguagesOf(c.cca2)]));
  const allCountries = worldCountries.map((c) => c.cca2).filter((c) => (langs.get(c) ?? []).length > 0);

  // country → [(route, role)]
  const stagesOf = new Map<string, { slug: string; role: 'origin' | 'transit' | 'destination' }[]>();
  for (const route of routes) {
    for (const role of ['origin', 'transit', 'destination'] as const) {
      for (const country of [...(route.stageHints[role] ?? []), ...(EXTRA_STAGES[route.slug]?.[role] ?? [])]) {
        if (!stagesOf.has(country)) stagesOf.set(country, []);
        stagesOf.get(country)!.push({ slug: route.slug, role });
      }
    }
  }
  const routeCountries = [...stagesOf.keys()].filter((c) => centroid.has(c));

  // Zipf-like popularity over a shuffled order of the priorities
  const order = [...priorityCodes].sort(() => r() - 0.5);
  const weights = order.map((_, i) => 1 / (i + 1) ** 0.8);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const drawPriority = () => {
    let x = r() * totalWeight;
    for (let i = 0; i < order.length; i++) if ((x -= weights[i]) <= 0) return order[i];
    return order[order.length - 1];
  };

  const cities: GeneratedCity[] = [];
  for (let i = 0; i < n; i++) {
    const country = r() < 0.65 ? pick(routeCountries) : pick(allCountries);
    const [clat, clon] = centroid.get(country) ?? [0, 0];
    const hasPosition = r() > 0.03;
    const official = langs.get(country) ?? [];
    const languages = official.slice(0, r() < 0.7 ? 1 : 2);
    if (r() < 0.25 && !languages.includes('en')) languages.push('en');
    if (r() < 0.1 && !languages.includes('fr')) languages.push('fr');

    const k = r() < 0.08 ? 0 : 1 + Math.floor(r() * r() * 12) + Math.floor(r() * 3);
    const codes = new Set<string>();
    for (let j = 0; j < k * 3 && codes.size < k; j++) codes.add(drawPriority());
    const priorities = [...codes].map((code) => {
      const s = r();
      return { code, stance: (s < 0.3 ? 'offer' : s < 0.75 ? 'seek' : 'both') as 'offer' | 'seek' | 'both' };
    });

    const stages = stagesOf.get(country) ?? [];
    const cityRoutes: GeneratedCity['routes'] = [];
    if (stages.length && r() < 0.7) {
      cityRoutes.push(pick(stages));
      if (stages.length > 1 && r() < 0.3) {
        const other = pick(stages);
        if (!cityRoutes.some((x) => x.slug === other.slug && x.role === other.role)) cityRoutes.push(other);
      }
    } else if (!stages.length && r() < 0.06) {
      cityRoutes.push({ slug: pick(routes).slug, role: pick(['origin', 'transit', 'destination'] as const) });
    }

    cities.push({
      id: `bench${i.toString(36).padStart(6, '0')}`,
      name: `${country} city ${i}`,
      country,
      population: r() < 0.05 ? null : Math.round(10 ** (3.5 + 3 * r() ** 1.6)),
      lat: hasPosition ? Math.max(-89, Math.min(89, clat + gauss() * 2)) : null,
      lon: hasPosition ? ((clon + gauss() * 2 + 540) % 360) - 180 : null,
      languages,
      priorities,
      routes: cityRoutes,
    });
  }
  return cities;
}
