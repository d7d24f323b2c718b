import { Redis } from 'ioredis';
import type { Logger } from './lib/logger.ts';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on the connections its workers block on. Connection errors
 * are logged (at most every 10 s) instead of crashing the process: ioredis reconnects by itself.
 */
export function createRedis(url: string, opts: { forWorkers?: boolean; logger?: Logger } = {}) {
  const redis = new Redis(url, { maxRetriesPerRequest: opts.forWorkers ? null : 3 });
  let lastLogged = 0;
  redis.on('error', (err) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    opts.logger?.error({ err: err.message }, 'redis connection error');
  });
  return redis;
}

/** Fails fast, with the fix in the message, when Redis is not there at start. */
export async function assertRedisReachable(redis: Redis, url: string) {
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 5000).unref()),
    ]);
  } catch (err) {
    redis.disconnect();
    const where = new URL(url);
    throw new Error(
      `Redis is not reachable at ${where.host} (${(err as Error).message}). Start it (apt-get install redis-server, ` +
        'brew install redis, or docker compose up -d redis) or set REDIS_URL.',
      { cause: err },
    );
  }
}
