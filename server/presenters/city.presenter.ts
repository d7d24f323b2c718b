import { pick, type Lang } from '../lib/lang.ts';

type CityRefRow = { id: string; name: string; countryCode: string | null; isSample?: boolean };

/** The short form of a city used inside other resources. */
export const presentCityRef = (c: CityRefRow) => ({ id: c.id, name: c.name, country: c.countryCode, ...(c.isSample ? { isSample: true } : {}) });
export const cityRefSelect = { id: true, name: true, countryCode: true, isSample: true } as const;


type CityRow = {
  id: string; name: string; kind: string; countryCode: string | null; region: string | null;
  population: number | null; lat: number | null; lon: number | null; languages: string[]; isSample?: boolean;
};

export const citySummarySelect = {
  id: true, name: true, kind: true, countryCode: true, region: true, population: true, lat: true, lon: true, languages: true, isSample: true,
} as const;

/** A city as it appears in lists. */
export const presentCitySummary = (c: CityRow) => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  country: c.countryCode,
  region: c.region,
  population: c.population,
  lat: c.lat,
  lon: c.lon,
  languages: c.languages,
  isSample: c.isSample ?? false,
});

type DetailRow = CityRow & {
  locationNote: string | null;
  geonamesId: number | null;
  createdAt: Date;
  updatedAt: Date;
  priorities: { priorityCode: string; stance: string; priority: { label: unknown } }[];
  routes: { role: string; route: { slug: string; name: string; names?: unknown } }[];
  networks: { network: { id: string; slug: string; name: string } }[];
  _count: { members: number };
};

const ROLE_ORDER: Record<string, number> = { origin: 0, transit: 1, destination: 2 };

/** The full city: profile, priorities (in Charter order) with localised labels, routes and networks. */
export function presentCityDetail(c: DetailRow, lang: Lang, priorityOrder: Map<string, number>) {
  return {
    ...presentCitySummary(c),
    locationNote: c.locationNote,
    geonamesId: c.geonamesId,
    priorities: [...c.priorities]
      .sort((a, b) => (priorityOrder.get(a.priorityCode) ?? 99) - (priorityOrder.get(b.priorityCode) ?? 99))
      .map((p) => ({ code: p.priorityCode, stance: p.stance, label: pick(p.priority.label, lang) })),
    routes: [...c.routes]
      .map((r) => ({ slug: r.route.slug, name: pick(r.route.names, lang) || r.route.name, role: r.role }))
      .sort((a, b) => a.name.localeCompare(b.name, lang) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role]),
    networks: c.networks.map((n) => n.network).sort((a, b) => a.name.localeCompare(b.name)),
    memberCount: c._count.members,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export const cityDetailInclude = {
  priorities: { select: { priorityCode: true, stance: true, priority: { select: { label: true } } } },
  routes: { select: { role: true, route: { select: { slug: true, name: true, names: true } } } },
  networks: { select: { network: { select: { id: true, slug: true, name: true } } } },
  _count: { select: { members: true } },
} as const;
