import { randomBytes } from 'node:crypto';
import { loadEnv, type Env } from '../../server/config/env.ts';
import { createDb, type Db } from '../../server/db/client.ts';
import { createLogger } from '../../server/lib/logger.ts';
import { startApi } from '../../server/main.ts';
import { startWorkers } from '../../workers/main.ts';
import { forgetApiNode, registerApiNode } from './http.ts';
import { deleteKeysWithPrefix } from './redis-cleanup.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export type TestApp = {
  baseUrl: string;
  port: number;
  env: Env;
  db: Db;
  database: TestDatabase;
  /** Starts the outbox relay and BullMQ workers against the same database and Redis prefix. */
  startWorkers(opts?: { now?: () => Date }): ReturnType<typeof startWorkers>;
  stop(): Promise<void>;
};

export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Env {
  return loadEnv({
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_AUTH_PER_MINUTE: '10000',
    // each test file gets its own queues in Redis
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    OUTBOX_POLL_MS: '50',
    CLIENT_DIST: 'client/__no_client_in_tests__',
    ...overrides,
  });
}

/** A real API node (HTTP + socket.io) on a random port over a fresh, migrated, seeded database. */
export async function startTestApp(opts: { label?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase(opts.label ?? 'app');
  const env = testEnv(database.url, opts.env);
  const logger = createLogger(env.LOG_LEVEL, 'test');
  const api = await startApi({ env, logger, databaseUrl: database.url });
  const db = createDb(database.url, { max: 4 });
  const workers: Awaited<ReturnType<typeof startWorkers>>[] = [];
  const baseUrl = `http://127.0.0.1:${api.port}`;
  registerApiNode(baseUrl, api.responseFor);
  return {
    baseUrl,
    port: api.port,
    env,
    db,
    database,
    async startWorkers(opts = {}) {
      const w = await startWorkers({ env, logger, databaseUrl: database.url, ...opts });
      workers.push(w);
      return w;
    },
    async stop() {
      for (const w of workers) await w.stop();
      await api.stop();
      forgetApiNode(baseUrl);
      await db.$disconnect();
      await database.drop();
      await deleteKeysWithPrefix(env.REDIS_URL, env.QUEUE_PREFIX);
    },
  };
}
