import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
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
 * collide. Migrations are applied by executing prisma/migrations/<dir>/migration.sql in order (each
 * as one multi-statement query, as Prisma does) and recorded in `_prisma_migrations` as
 * `prisma migrate deploy` would, so `prisma migrate status` against the test database agrees. `drop()` terminates any connection still
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

/** Migration SQL files in the order Prisma applies them (directory names start with a timestamp). */
export function migrationFiles(dir = MIGRATIONS_DIR): { name: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, file: path.join(dir, name, 'migration.sql') }));
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
    await withClient(url, async (db) => {
      await db.query(`
        CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
          "id" VARCHAR(36) PRIMARY KEY NOT NULL,
          "checksum" VARCHAR(64) NOT NULL,
          "finished_at" TIMESTAMPTZ,
          "migration_name" VARCHAR(255) NOT NULL,
          "logs" TEXT,
          "rolled_back_at" TIMESTAMPTZ,
          "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
          "applied_steps_count" INTEGER NOT NULL DEFAULT 0
        )`);
      for (const m of migrationFiles()) {
        const sql = readFileSync(m.file, 'utf8');
        try {
          // One simple-protocol query, as `prisma migrate deploy` sends it: PostgreSQL runs a
          // multi-statement query as one implicit transaction (unless the script manages its own).
          await db.query(sql);
        } catch (err) {
          throw new Error(`migration ${m.name} failed on ${name}: ${(err as Error).message}`, { cause: err });
        }
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), createHash('sha256').update(sql).digest('hex'), m.name],
        );
      }
    });
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }

  return { url, name, drop };
}
