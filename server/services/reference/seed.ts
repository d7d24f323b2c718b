import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { buildCountryRows } from './countries.ts';
import { loadGazetteer, resolveContributors, type ResolvedCity } from './resolve-contributors.ts';
import { PRIORITY_CODE_PATTERN } from '../../contract/common.ts';

/**
 * Seeds the reference data: countries, the Charter's principles and priorities, the named migration
 * routes, the founding network with every contributor city as a member, and the contributor networks.
 *
 * Idempotent: everything is keyed by a natural key (country code, principle slug, priority code, route
 * slug, network slug, GeoNames id, else (name, country) for cities) and runs in one transaction under an
 * advisory lock, so two processes seeding at once (API and migrate job) cannot duplicate anything.
 *
 * Ownership: countries, principles, priorities and routes are the source's: a re-seed updates them.
 * Networks and cities come to belong to their managers and members once created: a re-seed only creates
 * missing ones and refreshes the GeoNames facts (country, population, coordinates) of GeoNames-resolved
 * cities; it never overwrites names, descriptions, languages or notes someone may have edited, and never
 * deletes anything.
 */

export const FOUNDING_NETWORK = {
  slug: 'lampedusa-charter',
  name: 'Lampedusa Charter founding network',
  description:
    'Cities, regions and authorities whose recommendations and experiences the Lampedusa Charter (UCLG, 2022) builds on.',
} as const;

/** pg_advisory_xact_lock key: "charter reference seed". */
const SEED_LOCK_KEY = 0x5eed_c4a7;

const SEED_DATA_DIR = new URL('../../../prisma/seed-data/', import.meta.url);

const label = z.object({ en: z.string().min(1), fr: z.string().min(1), es: z.string().min(1) });
const countryCode = z.string().regex(/^[A-Z]{2}$/);

const taxonomySchema = z.object({
  source: z.string(),
  principles: z
    .array(
      z.object({
        slug: z.string().regex(/^[a-z][a-z0-9-]*$/),
        order: z.number().int(),
        label,
        theme: label,
        priorities: z.array(z.object({ code: z.string().regex(PRIORITY_CODE_PATTERN), label })).min(1),
      }),
    )
    .min(1),
});

const contributorsSchema = z.object({
  source: z.string(),
  members: z.array(
    z.object({
      name: z.string().min(1),
      kind: z.enum(['city', 'region', 'authority', 'network']),
      country: countryCode.nullable(),
      note: z.string().optional(),
    }),
  ),
});

const routesSchema = z.object({
  source: z.string(),
  routes: z.array(
    z.object({
      slug: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1),
      stages: z.object({
        origin: z.array(countryCode),
        transit: z.array(countryCode),
        destination: z.array(countryCode),
      }),
      description: z.string().optional(),
      sourcedFrom: z.string().optional(),
    }),
  ),
});

/** French and Spanish names and descriptions of the routes (English stays in migration-routes.json). */
const routeTranslationsSchema = z.object({
  source: z.string(),
  routes: z.record(z.string(), z.object({
    name: z.object({ fr: z.string().min(1), es: z.string().min(1) }),
    description: z.object({ fr: z.string().min(1), es: z.string().min(1) }),
  })),
});

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const raw = JSON.parse(readFileSync(new URL(file, SEED_DATA_DIR), 'utf8'));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`prisma/seed-data/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function loadSeedData() {
  const taxonomy = readJson('charter-taxonomy.json', taxonomySchema);
  const contributors = readJson('charter-contributors.json', contributorsSchema);
  const routes = readJson('migration-routes.json', routesSchema);
  const routeTranslations = readJson('migration-routes.i18n.json', routeTranslationsSchema).routes;
  for (const r of routes.routes) {
    if (!routeTranslations[r.slug]) throw new Error(`prisma/seed-data/migration-routes.i18n.json: no translation of route ${r.slug}`);
  }
  for (const p of taxonomy.principles) {
    for (const pr of p.priorities) {
      if (!pr.code.startsWith(`${p.slug}.`)) throw new Error(`priority ${pr.code} is not under principle ${p.slug}`);
    }
  }
  return { taxonomy, contributors, routes, routeTranslations };
}

export interface SeedReport {
  countries: number;
  principles: number;
  priorities: number;
  routes: number;
  /** contributor networks + the founding network */
  networks: number;
  cities: {
    /** contributor cities (city/region/authority members) */
    total: number;
    /** rows created by this run (0 on a re-run) */
    created: number;
    /** with GeoNames coordinates */
    located: number;
    /** without coordinates; each has a locationNote */
    unlocated: number;
  };
  foundingMembers: number;
  durationMs: number;
}

export interface ReferenceSeeder {
  seed(): Promise<SeedReport>;
  isSeeded(): Promise<boolean>;
}

const json = (v: unknown) => JSON.stringify(v);
const cityKey = (name: string, countryCode: string | null) => `${name}\u0000${countryCode ?? ''}`;

export function createReferenceSeeder({ db }: { db: Db }): ReferenceSeeder {
  let expectedPriorities: number | undefined;
  let sourceRouteSlugs: string[] = [];

  async function isSeeded(): Promise<boolean> {
    if (expectedPriorities === undefined) {
      const data = loadSeedData();
      expectedPriorities = data.taxonomy.principles.reduce((n, p) => n + p.priorities.length, 0);
      sourceRouteSlugs = data.routes.routes.map((r) => r.slug);
    }
    // Everything is written in one transaction: these markers cannot exist without the rest.
    const [priorities, routes, founding] = await Promise.all([
      db.priority.count(),
      db.route.count(),
      db.network.count({ where: { slug: FOUNDING_NETWORK.slug } }),
    ]);
    // a database seeded before route translations existed is seeded again (the update fills them)
    const untranslated = await db.route.count({ where: { slug: { in: sourceRouteSlugs }, names: { equals: {} } } });
    return priorities >= expectedPriorities && routes >= 12 && founding === 1 && untranslated === 0;
  }

  async function seed(): Promise<SeedReport> {
    const started = performance.now();
    const { taxonomy, contributors, routes, routeTranslations } = loadSeedData();
    const countries = buildCountryRows();
    const { cities, networks } = resolveContributors(contributors.members, loadGazetteer());

    const principleRows = taxonomy.principles.map((p) => ({ slug: p.slug, order: p.order, label: p.label, theme: p.theme }));
    const priorityRows = taxonomy.principles.flatMap((p) =>
      p.priorities.map((pr) => ({
        code: pr.code,
        principleSlug: p.slug,
        n: Number(pr.code.slice(p.slug.length + 1)),
        label: pr.label,
      })),
    );
    const routeRows = routes.routes.map((r) => ({
      slug: r.slug,
      name: r.name,
      description: r.description ?? null,
      sourcedFrom: r.sourcedFrom ?? null,
      stageHints: r.stages,
      names: { en: r.name, ...routeTranslations[r.slug].name },
      descriptions: r.description ? { en: r.description, ...routeTranslations[r.slug].description } : {},
    }));
    const networkRows = [
      { ...FOUNDING_NETWORK, kind: 'network', country: null, isFounding: true },
      ...networks.map((n) => ({ ...n, isFounding: false })),
    ];

    const counts = await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`;

        // Source-owned reference tables: one INSERT … ON CONFLICT DO UPDATE each.
        await tx.$executeRaw`
          INSERT INTO countries (code, names, region, subregion)
          SELECT x->>'code', x->'names', x->>'region', x->>'subregion'
          FROM jsonb_array_elements(${json(countries)}::jsonb) AS x
          ON CONFLICT (code) DO UPDATE
            SET names = EXCLUDED.names, region = EXCLUDED.region, subregion = EXCLUDED.subregion
            WHERE (countries.names, countries.region, countries.subregion)
              IS DISTINCT FROM (EXCLUDED.names, EXCLUDED.region, EXCLUDED.subregion)`;
        await tx.$executeRaw`
          INSERT INTO principles (slug, "order", label, theme)
          SELECT x->>'slug', (x->>'order')::int, x->'label', x->'theme'
          FROM jsonb_array_elements(${json(principleRows)}::jsonb) AS x
          ON CONFLICT (slug) DO UPDATE
            SET "order" = EXCLUDED."order", label = EXCLUDED.label, theme = EXCLUDED.theme
            WHERE (principles."order", principles.label, principles.theme)
              IS DISTINCT FROM (EXCLUDED."order", EXCLUDED.label, EXCLUDED.theme)`;
        await tx.$executeRaw`
          INSERT INTO priorities (code, principle_slug, n, label)
          SELECT x->>'code', x->>'principleSlug', (x->>'n')::int, x->'label'
          FROM jsonb_array_elements(${json(priorityRows)}::jsonb) AS x
          ON CONFLICT (code) DO UPDATE
            SET principle_slug = EXCLUDED.principle_slug, n = EXCLUDED.n, label = EXCLUDED.label
            WHERE (priorities.principle_slug, priorities.n, priorities.label)
              IS DISTINCT FROM (EXCLUDED.principle_slug, EXCLUDED.n, EXCLUDED.label)`;

        // Routes have cuid ids (made by Prisma): create missing ones, then refresh from the source.
        await tx.route.createMany({ data: routeRows, skipDuplicates: true });
        await tx.$executeRaw`
          UPDATE routes AS r
          SET name = x->>'name', description = x->>'description', sourced_from = x->>'sourcedFrom',
              stage_hints = x->'stageHints', names = x->'names', descriptions = x->'descriptions'
          FROM jsonb_array_elements(${json(routeRows)}::jsonb) AS x
          WHERE r.slug = x->>'slug'
            AND (r.name, r.description, r.sourced_from, r.stage_hints, r.names, r.descriptions)
              IS DISTINCT FROM (x->>'name', x->>'description', x->>'sourcedFrom', x->'stageHints', x->'names', x->'descriptions')`;

        // Networks: create missing; the founding flag is the only field enforced afterwards.
        await tx.network.createMany({ data: networkRows, skipDuplicates: true });
        const founding = await tx.network.update({
          where: { slug: FOUNDING_NETWORK.slug },
          data: { isFounding: true },
          select: { id: true },
        });

        const { created, ids } = await upsertCities(tx, cities);

        await tx.networkCity.createMany({
          data: ids.map((cityId) => ({ networkId: founding.id, cityId })),
          skipDuplicates: true,
        });
        const foundingMembers = await tx.networkCity.count({ where: { networkId: founding.id } });
        return { created, foundingMembers };
      },
      { maxWait: 15_000, timeout: 30_000 },
    );

    const located = cities.filter((c) => c.lat !== null).length;
    return {
      countries: countries.length,
      principles: principleRows.length,
      priorities: priorityRows.length,
      routes: routeRows.length,
      networks: networkRows.length,
      cities: { total: cities.length, created: counts.created, located, unlocated: cities.length - located },
      foundingMembers: counts.foundingMembers,
      durationMs: Math.round(performance.now() - started),
    };
  }

  return { seed, isSeeded };
}

/** Creates missing contributor cities; returns how many were created and every city's row id. */
async function upsertCities(tx: Tx, cities: ResolvedCity[]): Promise<{ created: number; ids: string[] }> {
  const toRow = (c: ResolvedCity) => ({
    name: c.name,
    kind: c.kind,
    countryCode: c.countryCode,
    region: c.region,
    population: c.population,
    lat: c.lat,
    lon: c.lon,
    languages: c.languages,
    geonamesId: c.geonamesId,
    locationNote: c.locationNote,
  });
  const located = cities.filter((c) => c.geonamesId !== null);
  const unlocated = cities.filter((c) => c.geonamesId === null);

  // GeoNames-resolved: the GeoNames id is the natural key.
  const geo = await tx.city.createMany({ data: located.map(toRow), skipDuplicates: true });
  if (located.length > 0) {
    await tx.$executeRaw`
      UPDATE cities AS c
      SET country_code = x->>'countryCode', population = (x->>'population')::int,
          lat = (x->>'lat')::float8, lon = (x->>'lon')::float8, updated_at = now()
      FROM jsonb_array_elements(${json(located)}::jsonb) AS x
      WHERE c.geonames_id = (x->>'geonamesId')::int
        AND (c.country_code, c.population, c.lat, c.lon) IS DISTINCT FROM
            (x->>'countryCode', (x->>'population')::int, (x->>'lat')::float8, (x->>'lon')::float8)`;
  }

  // No GeoNames id: (name, country) is the key. Look them all up at once, create the missing ones.
  const existing = await tx.city.findMany({
    where: { name: { in: unlocated.map((c) => c.name) } },
    select: { name: true, countryCode: true },
  });
  const have = new Set(existing.map((c) => cityKey(c.name, c.countryCode)));
  const missing = unlocated.filter((c) => !have.has(cityKey(c.name, c.countryCode)));
  const other = await tx.city.createMany({ data: missing.map(toRow) });

  const rows = await tx.city.findMany({
    where: {
      OR: [
        { geonamesId: { in: located.map((c) => c.geonamesId!) } },
        { name: { in: unlocated.map((c) => c.name) } },
      ],
    },
    select: { id: true, name: true, countryCode: true, geonamesId: true },
  });
  const byGeo = new Map<number, string>();
  const byKey = new Map<string, string>();
  for (const r of rows) {
    if (r.geonamesId !== null) byGeo.set(r.geonamesId, r.id);
    // first one wins if someone created a same-named city by hand
    const k = cityKey(r.name, r.countryCode);
    if (!byKey.has(k)) byKey.set(k, r.id);
  }
  const ids = cities.map((c) => {
    const id = c.geonamesId !== null ? byGeo.get(c.geonamesId) : byKey.get(cityKey(c.name, c.countryCode));
    if (!id) throw new Error(`seed: city "${c.name}" was not found after insert`);
    return id;
  });
  return { created: geo.count + other.count, ids };
}
