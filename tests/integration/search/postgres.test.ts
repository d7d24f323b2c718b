import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createReferenceSeeder } from '../../../server/services/reference/seed.ts';
import { createSearchIndexer } from '../../../server/services/search/indexer.ts';
import { createPostgresSearchEngine } from '../../../server/services/search/postgres/engine.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { searchEngineContract } from './contract.ts';
import { createFixtures } from './fixtures.ts';

searchEngineContract('postgres', async ({ databaseUrl }) => ({ engine: createPostgresSearchEngine({ databaseUrl, poolSize: 3 }) }));

describe('PostgreSQL engine: result cache', () => {
  let tdb: TestDatabase;
  let db: Db;
  let ids: Record<string, string>;
  const engine = () => createPostgresSearchEngine({ databaseUrl: tdb.url, poolSize: 2 });

  beforeAll(async () => {
    tdb = await createTestDatabase('search_cache');
    db = createDb(tdb.url, { max: 2 });
    await createReferenceSeeder({ db }).seed();
    ({ ids } = await createFixtures(db));
  });
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
  });

  it('answers a repeated search from its cache exactly while the index generation is unchanged', async () => {
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
