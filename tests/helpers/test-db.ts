import { randomBytes } from 'node:crypto';
import { applyMigrations } from '../../server/db/migrate.ts';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';

/**
 * A fresh, migrated PostgreSQL database for one test file.
 *
 *   const tdb = await createTestDatabase();      // beforeAll
 *   const db = createDb(tdb.url);
 *   …
 *   await db.$disconnect(); await tdb.drop();    // afterAll
 *
 * The server comes from TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres): the
 * helper connects to that database to CREATE/DROP, and the returned url points at the new one. Names
 * are unique (`charter_test_<label>_<time>_<random>`), so parallel runs and other engineers' runs never
 * collide. Migrations are applied by the platform's own migrator (server/db/migrate.ts), which records
 * them in `_prisma_migrations` as `prisma migrate deploy` would. `drop()` terminates any connection still
 * open (a pool a test forgot to close) and drops the database; it is safe to call twice.
 */

const DEFAULT_BASE = 'postgresql://postgres@127.0.0.1:5432/postgres';
const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_BASE;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const base = adminUrl();
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 20) || 'db';
  const name = `charter_test_${safeLabel}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(base, name);

  await withClient(base, async (admin) => {
    // CREATE DATABASE copies template1 and fails (55006) if someone is connected to it at that moment.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt >= 10) throw err;
        await sleep(100 * attempt);
      }
    }
  });

  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await withClient(base, async (admin) => {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    });
  };

  try {
    // the same migrator the platform runs at start (Prisma-compatible bookkeeping)
    await applyMigrations(url, MIGRATIONS_DIR);
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }

  return { url, name, drop };
}
