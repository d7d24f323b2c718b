import { Redis } from 'ioredis';
import type { Logger } from './lib/logger.ts';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on the connections its workers block on. Connection errors
 * are logged (at most every 10 s) instead of crashing the process: ioredis reconnects by itself.
 * `autoPipelining` sends the commands of one tick in one write (a fan-out's hundreds of publishes).
 */
export function createRedis(url: string, opts: { forWorkers?: boolean; logger?: Logger; autoPipelining?: boolean } = {}) {
  const redis = new Redis(url, { maxRetriesPerRequest: opts.forWorkers ? null : 3, enableAutoPipelining: opts.autoPipelining ?? false });
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

/**
 * The same client, but `publish` never rejects: while Redis is away a message is dropped at once (no
 * wait for ioredis' retries) with a warning at most every 30 s. For fire-and-forget publishers (the
 * socket.io emitter and adapter call `publish` without handling its promise, so a rejection would be
 * unhandled and end the process).
 */
export function withDroppingPublish(redis: Redis, logger: Logger | undefined, what: string): Redis {
  let warnedAt = 0;
  const warn = (err: unknown) => {
    if (Date.now() - warnedAt < 30_000) return;
    warnedAt = Date.now();
    logger?.warn({ err: err instanceof Error ? err.message : String(err) }, `${what}: Redis unavailable, message dropped`);
  };
  const publish = (channel: string | Buffer, message: string | Buffer) => {
    if (redis.status !== 'ready') {
      warn(new Error(`redis ${redis.status}`));
      return Promise.resolve(0);
    }
    return redis.publish(channel, message).catch((err: unknown) => {
      warn(err);
      return 0;
    });
  };
  return new Proxy(redis, {
    get(target, prop) {
      if (prop === 'publish') return publish;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
