/**
 * Brokering-board benchmark: `npm run bench:brokering`.
 *
 * Creates its own database (migrated, reference data seeded), bulk-loads BENCH_CITIES generated cities
 * (bench/matching-world.ts), puts BENCH_NETWORK of them in one network with a few open twinnings, and
 * times the board two ways over the same warm match index:
 * - the service (`matching.mutualAmong`): every pair of the network's cities scored in both directions
 *   in the index, top 20 explained;
 * - the naive way: `matchesFor` of every network city over all cities (limit = every city), kept to the
 *   network, both directions averaged, open pairs dropped.
 * Checks both give the same top pairs and scores, then writes docs/benchmarks.md "## Brokering".
 */
import os from 'node:os';
import pg from 'pg';
import { loadMatchingConfig } from '../server/config/matching.ts';
import { createDb } from '../server/db/client.ts';
import { createLogger } from '../server/lib/logger.ts';
import { createMatchingService } from '../server/services/matching/matching.service.ts';
import { createReferenceSeeder } from '../server/services/reference/seed.ts';
import { createTaxonomyService } from '../server/services/taxonomy/taxonomy.service.ts';
import { createTestDatabase } from '../tests/helpers/test-db.ts';
import { generateWorld, rng } from './matching-world.ts';
import { writeBenchmarkSection } from './benchmarks-doc.ts';

const N = Number(process.env.BENCH_CITIES ?? 5_000);
const M = Number(process.env.BENCH_NETWORK ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LIMIT = 20;
const log = (...args: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const pairKey = (a: string, b: string) => [a, b].sort().join(':');

const database = await createTestDatabase('bench_brokering');
const db = createDb(database.url, { max: 4 });
const client = new pg.Client({ connectionString: database.url });
await client.connect();
const loadAtStart = os.loadavg().map((x) => x.toFixed(2)).join(', ');
try {
  await createReferenceSeeder({ db }).seed();
  const routes = await db.route.findMany({ select: { id: true, slug: true, stageHints: true } });
  const codes = (await db.priority.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map((p) => p.code);
  const world = generateWorld(N, routes.map((r) => ({ slug: r.slug, stageHints: r.stageHints as Record<string, string[]> })), codes);
  const routeId = new Map(routes.map((r) => [r.slug, r.id]));
  await client.query(
    `INSERT INTO cities (id, name, country_code, population, lat, lon, languages, created_at, updated_at)
     SELECT id, name, cc, pop, lat, lon, langs::text[], now(), now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::float8[], $6::float8[], $7::text[]) AS t(id, name, cc, pop, lat, lon, langs)`,
    [world.map((c) => c.id), world.map((c) => c.name), world.map((c) => c.country), world.map((c) => c.population),
      world.map((c) => c.lat), world.map((c) => c.lon), world.map((c) => `{${c.languages.join(',')}}`)],
  );
  const ps = world.flatMap((c) => c.priorities.map((p) => [c.id, p.code, p.stance]));
  await client.query(`INSERT INTO city_priorities (city_id, priority_code, stance) SELECT c, p, s::"Stance" FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, p, s)`,
    [ps.map((x) => x[0]), ps.map((x) => x[1]), ps.map((x) => x[2])]);
  const rs = world.flatMap((c) => c.routes.map((r) => [c.id, routeId.get(r.slug)!, r.role]));
  await client.query(`INSERT INTO city_routes (city_id, route_id, role) SELECT c, r, role::"RouteRole" FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, r, role)`,
    [rs.map((x) => x[0]), rs.map((x) => x[1]), rs.map((x) => x[2])]);

  const r = rng(11);
  const members = [...new Set(Array.from({ length: M * 3 }, () => world[Math.floor(r() * N)].id))].slice(0, M);
  await db.network.create({ data: { slug: 'bench', name: 'Bench', cities: { create: members.map((cityId) => ({ cityId })) } } });
  const user = await db.user.create({ data: { email: 'bench@example.org', name: 'Bench', passwordHash: 'x' } });
  const open = Array.from({ length: Math.floor(M / 10) }, (_, i) => [members[2 * i], members[2 * i + 1]]);
  for (const [a, b] of open) await db.twinning.create({ data: { fromCityId: a, toCityId: b, themes: [], message: '', status: 'active', requestedById: user.id } });
  log(`loaded ${N} cities, network of ${members.length}, ${open.length} open twinnings`);

  const matching = createMatchingService({ db, databaseUrl: database.url, taxonomy: createTaxonomyService({ db }), logger: createLogger('warn', 'bench'), config: loadMatchingConfig() });
  await matching.warm();
  const taken = new Set(open.map(([a, b]) => pairKey(a, b)));
  const inNetwork = new Set(members);

  const service = async () => matching.mutualAmong(members, { limit: LIMIT, lang: 'en', skip: (a, b) => taken.has(pairKey(a, b)) });
  const naive = async () => {
    const directed = new Map<string, number[]>();
    for (const id of members) {
      const { items } = await matching.matchesFor(id, { limit: N, lang: 'en', includeTwinned: true });
      for (const m of items) {
        if (!inNetwork.has(m.city.id) || taken.has(pairKey(id, m.city.id))) continue;
        const k = pairKey(id, m.city.id);
        directed.set(k, [...(directed.get(k) ?? []), m.score]);
      }
    }
    return [...directed].map(([k, s]) => ({ k, score: s.reduce((x, y) => x + y, 0) / 2 }))
      .sort((x, y) => y.score - x.score || (x.k < y.k ? -1 : 1)).slice(0, LIMIT);
  };

  const fast = await service();
  const slow = await naive();
  const agree = fast.every((p, i) => Math.abs(p.score - slow[i].score) < 2e-4);
  log(`top ${LIMIT} agree: ${agree}`);
  const serviceMs: number[] = [];
  const naiveMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = now();
    await service();
    serviceMs.push(now() - t);
    t = now();
    await naive();
    naiveMs.push(now() - t);
  }
  const ratio = median(naiveMs) / median(serviceMs);
  log(`service ${ms(median(serviceMs))}, naive ${ms(median(naiveMs))}, ${ratio.toFixed(0)}×`);

  const section = `## Brokering

\`npm run bench:brokering\` — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'} (shared with other
engineers' work), Node ${process.version}; load average at the start ${loadAtStart}.

World: ${N.toLocaleString('en')} generated cities (bench/matching-world.ts); one network of ${members.length} of them with ${open.length} active
twinnings. The board: every pair of the network's cities by mutual score (mean of both directions), top ${LIMIT} with reasons,
open pairs left out. Median of ${RUNS} runs over the same warm match index:

| how | median |
|---|---|
| \`matching.mutualAmong\` (the service: ${(members.length * (members.length - 1) / 2).toLocaleString('en')} pairs × 2 directions in the index, ${LIMIT} explained) | ${ms(median(serviceMs))} |
| naive: \`matchesFor\` of each network city over all ${N.toLocaleString('en')} cities, kept to the network, averaged | ${ms(median(naiveMs))} |

Ratio naive / service: **${ratio.toFixed(0)}×**. Both give the same top ${LIMIT} pairs and scores: ${agree ? 'yes' : 'NO'}.
`;
  writeBenchmarkSection('Brokering', section);
  await matching.close();
} finally {
  await client.end();
  await db.$disconnect();
  await database.drop();
}
