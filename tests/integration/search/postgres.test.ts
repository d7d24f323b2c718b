import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createReferenceSeeder } from '../../../server/services/reference/seed.ts';
import { createSearchIndexer } from '../../../server/services/search/indexer.ts';
import { createPostgresSearchEngine } from '../../../server/services/search/postgres/engine.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { searchEngineContract } from './contract.ts';
import { createFixtures, PUBLISHED } from './fixtures.ts';

searchEngineContract('postgres', async ({ databaseUrl }) => ({ engine: createPostgresSearchEngine({ databaseUrl, poolSize: 3 }) }));

/** A database with the reference data and the fixtures, made before the suite and dropped after it. */
function fixtureDatabase(label: string) {
  const fx = {} as { tdb: TestDatabase; db: Db; ids: Record<string, string> };
  beforeAll(async () => {
    fx.tdb = await createTestDatabase(label);
    fx.db = createDb(fx.tdb.url, { max: 2 });
    await createReferenceSeeder({ db: fx.db }).seed();
    ({ ids: fx.ids } = await createFixtures(fx.db));
  });
  afterAll(async () => {
    await fx.db?.$disconnect();
    await fx.tdb?.drop();
  });
  return fx;
}

describe('PostgreSQL engine: result cache', () => {
  const fx = fixtureDatabase('search_cache');
  const engine = () => createPostgresSearchEngine({ databaseUrl: fx.tdb.url, poolSize: 2 });

  it('answers a repeated search from its cache exactly while the index generation is unchanged', async () => {
    const { db, ids } = fx;
    const search = engine();
    const indexer = createSearchIndexer({ db, engine: search });
    await indexer.rebuild();
    const kitchen = () => search.search({ q: 'kitchen', filters: {}, page: 1, perPage: 10 });
    expect((await kitchen()).total).toBe(2);
    // a change that bypasses the engine (and so does not move the generation) is not seen: the cache answered
    await db.$executeRaw`DELETE FROM practice_search_documents WHERE practice_id = ${ids.bodyonly}`;
    expect((await kitchen()).total).toBe(2);
    // every engine write moves the generation; so does any other
    await db.$executeRaw`UPDATE search_index_state SET generation = generation + 1`;
    expect((await kitchen()).total).toBe(1);
    await indexer.indexPractice(ids.bodyonly);
    expect((await kitchen()).total).toBe(2);
    // another process's engine (a worker) writing is seen at once
    const other = engine();
    await other.remove([ids.bodyonly]);
    expect((await kitchen()).total).toBe(1);
    await other.close();
    await search.close();
  });
});

describe('PostgreSQL engine: above the exact bound', () => {
  const fx = fixtureDatabase('search_bound');

  it('estimates the total and facets from a sample, flags them, and still ranks the head matches first', async () => {
    const { tdb, db, ids } = fx;
    // a bound of one match: every query of the fixtures is "broad"
    // …and nothing precomputed (the next suite): the sample is what is tested here
    const engine = createPostgresSearchEngine({ databaseUrl: tdb.url, poolSize: 2, cacheSize: 0, exactUpTo: 1, precompute: false });
    try {
      await createSearchIndexer({ db, engine }).rebuild();
      const kitchen = await engine.search({ q: 'kitchen', filters: {}, page: 1, perPage: 1 });
      expect(kitchen).toMatchObject({ totalIsEstimate: true, facetsAreEstimates: true });
      expect(kitchen.hits.map((h) => h.id)).toEqual([ids.kitchen]);
      expect(kitchen.total).toBeGreaterThanOrEqual(1);
      // a page the candidates cannot fill (the body-only match is no candidate) is ranked exactly
      const both = await engine.search({ q: 'kitchen', filters: {}, page: 1, perPage: 10 });
      expect(both).toMatchObject({ total: 2, totalIsEstimate: false, facetsAreEstimates: false });
      expect(both.hits.map((h) => h.id)).toEqual([ids.kitchen, ids.bodyonly]);
      // browsing one value: its total is kept exact, its facets are estimated
      const en = await engine.search({ q: '', filters: { language: ['en'] }, page: 1, perPage: 10 });
      expect(en).toMatchObject({ total: PUBLISHED.filter((p) => p.language === 'en').length, totalIsEstimate: false, facetsAreEstimates: true });
      const two = await engine.search({ q: '', filters: { language: ['en', 'fr'] }, page: 1, perPage: 10 });
      expect(two).toMatchObject({ totalIsEstimate: true, facetsAreEstimates: true });
      expect(two.hits).toHaveLength(PUBLISHED.filter((p) => p.language !== 'es').length);
    } finally {
      await engine.close();
    }
  });
});

describe('PostgreSQL engine: browsing everything reads kept counts', () => {
  const fx = fixtureDatabase('search_facet_counts');

  it('keeps the total and facet counts of a browse without filters equal to counting the documents, through every kind of write', async () => {
    const { tdb, db, ids } = fx;
    const search = createPostgresSearchEngine({ databaseUrl: tdb.url, poolSize: 2, cacheSize: 0 });
    const indexer = createSearchIndexer({ db, engine: search });
    const counted = async () => {
      const rows = await db.$queryRaw<{ v: string; n: number }[]>`
        SELECT v, count(*)::int AS n FROM practice_search_documents, unnest(facets) AS v GROUP BY v`;
      const facets: Record<string, Record<string, number>> = {};
      for (const { v, n } of rows) {
        const at = v.indexOf(':');
        (facets[v.slice(0, at)] ??= {})[v.slice(at + 1)] = n;
      }
      const [{ n: total }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM practice_search_documents`;
      return { total, facets };
    };
    const expectConsistent = async (total: number) => {
      const expected = await counted();
      expect(expected.total).toBe(total);
      const r = await search.search({ q: '', filters: {}, page: 1, perPage: 100 });
      expect(r.total).toBe(total);
      expect(r.hits).toHaveLength(total);
      for (const [facet, values] of Object.entries(r.facets)) expect(values).toEqual(expected.facets[facet] ?? {});
    };

    await indexer.rebuild();
    await expectConsistent(PUBLISHED.length);
    // an edit that moves the practice to other facet values: the old ones lose it, the new ones gain it
    await db.practice.update({ where: { id: ids.kitchen }, data: { language: 'fr', targetGroups: ['asylum_seekers'], version: { increment: 1 } } });
    await indexer.indexPractice(ids.kitchen);
    await indexer.indexPractice(ids.kitchen); // twice: changes nothing
    await expectConsistent(PUBLISHED.length);
    await search.remove([ids.clinic]);
    await expectConsistent(PUBLISHED.length - 1);
    await indexer.indexPractice(ids.clinic);
    await expectConsistent(PUBLISHED.length);
    // a rebuild starts its counts from nothing, like its documents
    await indexer.rebuild();
    await expectConsistent(PUBLISHED.length);
    await search.close();
  });
});

describe('PostgreSQL engine: precomputed broad queries', () => {
  const fx = fixtureDatabase('search_broad');

  it('answers a broad query exactly from what it stored, and keeps it equal to the exact engine through every kind of write', async () => {
    const { tdb, db, ids } = fx;
    // a bound of one match: every query is broad, so each is stored on its first ask
    const engine = createPostgresSearchEngine({ databaseUrl: tdb.url, poolSize: 2, cacheSize: 0, exactUpTo: 1 });
    const exact = createPostgresSearchEngine({ databaseUrl: tdb.url, poolSize: 1, cacheSize: 0, exactUpTo: Infinity });
    const indexer = createSearchIndexer({ db, engine });
    const queries = [
      { q: 'housing', filters: {}, page: 1, perPage: 10 },
      { q: 'housing', filters: {}, page: 2, perPage: 1 },
      { q: 'families', filters: {}, page: 1, perPage: 10 },
      { q: 'housing', filters: { language: ['en', 'fr'] }, page: 1, perPage: 10 },
      { q: '', filters: { language: ['en'] }, page: 1, perPage: 10 },
      { q: '', filters: { priority: ['dignity.2'] }, page: 1, perPage: 1 },
    ];
    const keys = async () => (await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM search_broad_keys ORDER BY id`).map((r) => r.id);
    const expectExact = async () => {
      for (const query of queries) {
        const [got, want] = [await engine.search(query), await exact.search(query)];
        expect(got, JSON.stringify(query)).toMatchObject({ total: want.total, totalIsEstimate: false, facetsAreEstimates: false, facets: want.facets });
        expect(got.hits.map((h) => h.id), JSON.stringify(query)).toEqual(want.hits.map((h) => h.id));
      }
    };
    try {
      await indexer.rebuild();
      await expectExact();
      const stored = await keys();
      expect(stored).toHaveLength(queries.length - 1); // page 2 of "housing" is the same key as page 1
      // an edit that takes the practice out of one query and moves it to other facet values
      await db.practice.update({ where: { id: ids.kitchen }, data: { title: 'Community kitchen', language: 'fr', targetGroups: ['asylum_seekers'], version: { increment: 1 } } });
      await indexer.indexPractice(ids.kitchen);
      await indexer.indexPractice(ids.kitchen); // twice: changes nothing
      await expectExact();
      await engine.remove([ids.clinic]);
      await expectExact();
      await indexer.indexPractice(ids.clinic);
      await expectExact();
      // the same keys answered all along (moved by the writes, never computed again)
      expect(await keys()).toEqual(stored);
      // a rebuild replaces the documents: the keys go, and are computed again on their next ask
      await indexer.rebuild();
      expect(await keys()).toEqual([]);
      await expectExact();
      // "families" now matches one practice only (the edited title lost it): not above the bound
      expect(await keys()).toHaveLength(queries.length - 2);
    } finally {
      await engine.close();
      await exact.close();
    }
  });
});
