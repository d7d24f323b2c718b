import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createReferenceSeeder } from '../../../server/services/reference/seed.ts';
import { fillIndex, loadCity } from '../../../server/services/matching/loader.ts';
import { MatchIndex } from '../../../server/services/matching/match-index.ts';
import { createTaxonomyService } from '../../../server/services/taxonomy/taxonomy.service.ts';
import { createCity } from '../../factories/cities.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';

/** The bulk loader (database-side encoding) and the one-city loader must put the same bits in a slot. */
let tdb: TestDatabase;
let db: Db;
let codes: string[];
let routeIds: string[];

beforeAll(async () => {
  tdb = await createTestDatabase('match_index_load');
  db = createDb(tdb.url, { max: 2 });
  await createReferenceSeeder({ db }).seed();
  const { principles } = await createTaxonomyService({ db }).load();
  codes = principles.flatMap((p) => p.priorities.map((q) => q.code));
  routeIds = (await db.route.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } })).map((r) => r.id);
  await createCity(db, {
    name: 'Many', population: 250_000, lat: -12.5, lon: 130.8, languages: ['en', 'zu', 'xx'],
    priorities: [{ code: codes[0], stance: 'offer' }, { code: codes[33], stance: 'seek' }, { code: codes[34], stance: 'both' }],
    routes: [{ slug: 'darien', role: 'transit' }, { slug: 'darien', role: 'destination' }, { slug: 'mesoamerican', role: 'origin' }],
  });
  await createCity(db, { name: 'Bare', population: null, lat: null, lon: null, languages: [] });
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
});

const slotView = (ix: MatchIndex, id: string) => {
  const s = ix.slotOf.get(id)!;
  const part = (a: ArrayLike<number>, per: number) => Array.from({ length: per }, (_, k) => a[s * per + k]);
  return {
    offer: part(ix.offer, ix.wp), seek: part(ix.seek, ix.wp), routes: part(ix.routes, 3 * ix.wr), langs: part(ix.langs, ix.wl),
    langWords: ix.langWords[s], pop: ix.pop[s], pos: Array.from(ix.pos.subarray(3 * s, 3 * s + 3)), alive: ix.alive[s],
  };
};

describe('loading the match index', () => {
  it('gives every city the same slot contents over pg, over Prisma, and one by one', async () => {
    const viaPg = new MatchIndex(codes, routeIds, 16);
    const viaPrisma = new MatchIndex(codes, routeIds, 16);
    const oneByOne = new MatchIndex(codes, routeIds, 16);
    expect(await fillIndex(viaPg, { db, databaseUrl: tdb.url }, 7)).toBe(true); // small pages: several of them
    expect(await fillIndex(viaPrisma, { db }, 7)).toBe(true);
    const ids = (await db.city.findMany({ select: { id: true } })).map((c) => c.id);
    expect(viaPg.size).toBe(ids.length);
    for (const id of ids) expect(oneByOne.upsert((await loadCity(db, id))!)).toBe(true);
    for (const id of ids) {
      expect(slotView(viaPrisma, id), id).toEqual(slotView(viaPg, id));
      expect(slotView(oneByOne, id), id).toEqual(slotView(viaPg, id));
    }
    const many = (await db.city.findFirstOrThrow({ where: { name: 'Many' } })).id;
    const v = slotView(viaPg, many);
    expect(v.offer).toEqual([1 | 0, (1 << 2) >>> 0]); // codes[0] offer; codes[34] both → offer too
    expect(v.seek).toEqual([0, (1 << 1) | (1 << 2)]); // codes[33] seek, codes[34] both
    expect(v.pop).toBe(250_000);
  });

  it('reports a city whose route it has no bit for, so the service rebuilds', async () => {
    const ix = new MatchIndex(codes, routeIds.slice(0, 1), 16); // knows one route only
    // routes unknown to the bulk encoding come back as -1: the load says it is incomplete
    expect(await fillIndex(ix, { db, databaseUrl: tdb.url })).toBe(false);
  });
});
