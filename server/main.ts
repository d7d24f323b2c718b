import './db/pg-runtime.ts'; // first: before pg loads (see the module)
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { loadEnv, type Env } from './config/env.ts';
import { createContainer } from './container.ts';
import { createDb } from './db/client.ts';
import { resolveDatabase } from './db/resolve-database.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { stopOnSignal } from './lib/shutdown.ts';
import { answerClientErrorsWithProblems } from './http/client-error.ts';
import { realtimeKey } from './lib/realtime-publisher.ts';
import { attachRealtime } from './realtime/socket.ts';
import { threadSocketFeature } from './realtime/threads.socket.ts';
import { assertRedisReachable, createRedis, withDroppingPublish } from './redis.ts';

/** Starts one API node: HTTP + socket.io on the same port. Returns a function that stops it gracefully. */
export async function startApi({ env, logger, databaseUrl, prepare = true }: { env: Env; logger: Logger; databaseUrl: string; prepare?: boolean }) {
  const redis = createRedis(env.REDIS_URL, { logger });
  await assertRedisReachable(redis, env.REDIS_URL);
  const db = createDb(databaseUrl);
  if (prepare) await prepareDatabase({ env, url: databaseUrl, db, logger });
  const sub = createRedis(env.REDIS_URL, { logger });
  const container = createContainer({ env, db, redis, logger, databaseUrl });
  const app = createApp({
    ...container,
    readiness: [
      { name: 'postgres', check: () => db.$queryRaw`SELECT 1` },
      // not connected: say so at once rather than wait for ioredis to retry
      { name: 'redis', check: () => (redis.status === 'ready' ? redis.ping() : Promise.reject(new Error(`redis ${redis.status}`))) },
      { name: 'search', check: () => container.search.ping() },
    ],
  });
  const httpServer = createServer(app);
  answerClientErrorsWithProblems(httpServer);
  const io = attachRealtime({
    httpServer, auth: container.auth, pub: withDroppingPublish(redis, logger, 'socket.io adapter'), sub, logger, key: realtimeKey(env.QUEUE_PREFIX),
    features: [threadSocketFeature({ threads: container.threads, logger })],
  });
  await new Promise<void>((resolve) => httpServer.listen(env.PORT, env.HOST, resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  logger.info({ port }, `API listening on http://localhost:${port}`);

  return {
    port,
    responseFor: app.responseFor,
    async stop() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await container.matching.close();
      await container.jobDashboard.close();
      await container.search.close();
      await db.$disconnect();
      sub.disconnect();
      await redis.quit().catch(() => {});
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL, 'api');
  const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, logger });
  const api = await startApi({ env, logger, databaseUrl: database.url });
  stopOnSignal(logger, async () => {
    await api.stop();
    await database.stop();
  });
}
