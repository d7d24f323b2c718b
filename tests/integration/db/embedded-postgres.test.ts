import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../server/db/migrate.ts';
import { resolveDatabase } from '../../../server/db/resolve-database.ts';
import { createLogger } from '../../../server/lib/logger.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('database resolution for a first start', () => {
  it('starts an embedded PostgreSQL when none answers and no DATABASE_URL is given', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'charter-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const database = await resolveDatabase({
      logger: createLogger('silent'),
      dataDir,
      // port 9 (discard) has no PostgreSQL: the fallback must kick in
      localServer: 'postgresql://postgres@127.0.0.1:9',
      embeddedPort: 54000 + Math.floor(Math.random() * 900),
    });
    cleanups.push(database.stop);
    expect(database.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:54\d{3}\/charter$/);
    const { applied } = await applyMigrations(database.url);
    expect(applied.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'outbox_events'");
    await client.end();
    expect(rows[0].n).toBe(1);
  }, 120_000);

  it('uses the local PostgreSQL and creates the database when it answers', async () => {
    const database = await resolveDatabase({ logger: createLogger('silent'), localServer: 'postgresql://postgres@127.0.0.1:5432' });
    expect(database.url).toBe('postgresql://postgres@127.0.0.1:5432/charter');
  });
});
