import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createReferenceSeeder } from '../../../server/services/reference/seed.ts';
import { createPostgresSearchEngine } from '../../../server/services/search/postgres/engine.ts';
import type { SearchEngine } from '../../../server/services/search/types.ts';
import { reindexSearch } from '../../../scripts/search-reindex.ts';
import { testEnv } from '../../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { createFixtures, PUBLISHED } from './fixtures.ts';

/** `npm run search:reindex` rebuilds the index from the database, whatever state the index was in. */
let tdb: TestDatabase;
let db: Db;
let engine: SearchEngine;
let ids: Record<string, string>;

beforeAll(async () => {
  tdb = await createTestDatabase('search_reindex');
  db = createDb(tdb.url, { max: 4 });
  await createReferenceSeeder({ db }).seed();
  // practices written without going through the workflow: nothing ever indexed them
  ({ ids } = await createFixtures(db));
  engine = createPostgresSearchEngine({ databaseUrl: tdb.url, poolSize: 2 });
});
afterAll(async () => {
  await engine?.close();
  await db?.$disconnect();
  await tdb?.drop();
});

describe('search reindex', () => {
  it('indexes every published practice, drops what is no longer published, and reports progress', async () => {
    expect((await engine.search({ q: '', filters: {}, page: 1, perPage: 50 })).total).toBe(0);
    // a stale document: indexed while published, then unpublished without its job ever running
    const stale = (await import('../../../server/services/search/documents.ts')).createSearchDocumentSource({ db });
    await db.practice.update({ where: { id: ids.archived }, data: { status: 'published' } });
    await engine.upsert(await stale.byIds([ids.archived]));
    await db.practice.update({ where: { id: ids.archived }, data: { status: 'archived' } });
    expect((await engine.search({ q: 'archived', filters: {}, page: 1, perPage: 50 })).total).toBe(1);

    const progress: [number, number][] = [];
    const result = await reindexSearch({ env: testEnv(tdb.url), databaseUrl: tdb.url, onProgress: (d, t) => progress.push([d, t]) });
    expect(result).toMatchObject({ engine: 'postgres', total: PUBLISHED.length, reindexed: 0, removed: 0 });
    expect(progress[0]).toEqual([0, PUBLISHED.length]);
    expect(progress.at(-1)).toEqual([PUBLISHED.length, PUBLISHED.length]);

    const all = await engine.search({ q: '', filters: {}, page: 1, perPage: 50 });
    expect(new Set(all.hits.map((h) => h.id))).toEqual(new Set(PUBLISHED.map((p) => ids[p.key])));
    expect((await engine.search({ q: 'archived', filters: {}, page: 1, perPage: 50 })).total).toBe(0);
    expect((await engine.search({ q: 'kicthen', filters: {}, page: 1, perPage: 50 })).hits[0].id).toBe(ids.kitchen);
  });

  it('runs as `npm run search:reindex` and says what it did', async () => {
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', 'scripts/search-reindex.ts'], {
      // the built-in engine (a MEILI_URL in the environment would send it to Meilisearch)
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEILI_'))), DATABASE_URL: tdb.url, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    expect(stdout).toContain(`postgres: ${PUBLISHED.length} published practices indexed`);
    expect((await engine.search({ q: '', filters: {}, page: 1, perPage: 50 })).total).toBe(PUBLISHED.length);
  });
});
