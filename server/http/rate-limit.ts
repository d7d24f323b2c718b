import type { Request } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

/**
 * Counts in Redis, so every API node shares one budget; while Redis is away, counts in this process
 * instead (each node then allows the budget on its own) and warns, rather than failing the request.
 */
class SharedStoreWithLocalFallback implements Store {
  readonly localKeys = false;
  private readonly local = new MemoryStore();
  private warnedAt = 0;
  private options?: Options;
  /** The shared store loads its scripts at init; after a failure it is initialised again once Redis is back. */
  private sharedReady: Promise<void> | undefined;

  constructor(private readonly shared: RedisStore, private readonly redis: Redis, private readonly logger: Logger | undefined, readonly prefix: string) {}

  init(options: Options) {
    this.options = options;
    this.local.init(options);
    this.ensureShared().catch((err) => this.warn(err));
  }

  private ensureShared() {
    this.sharedReady ??= this.shared.init(this.options!).catch((err) => {
      this.sharedReady = undefined;
      throw err;
    });
    return this.sharedReady;
  }

  private async either<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    // not connected: don't wait for ioredis to retry, count here at once
    if (this.redis.status === 'ready') {
      try {
        await this.ensureShared();
        return await shared();
      } catch (err) {
        this.warn(err);
      }
    } else this.warn(new Error(`redis ${this.redis.status}`));
    return local();
  }

  private warn(err: unknown) {
    if (Date.now() - this.warnedAt < 30_000) return;
    this.warnedAt = Date.now();
    this.logger?.warn({ err: err instanceof Error ? err.message : String(err), limiter: this.prefix }, 'rate limit: Redis unavailable, counting per process');
  }

  increment(key: string) {
    return this.either(() => this.shared.increment(key), () => this.local.increment(key));
  }

  decrement(key: string) {
    return this.either(() => this.shared.decrement(key), () => this.local.decrement(key));
  }

  resetKey(key: string) {
    return this.either(() => this.shared.resetKey(key), () => this.local.resetKey(key));
  }
}

/**
 * Limits per client IP (or per signed-in user with `perUser`), counted in Redis so every API node shares
 * the budget. A refused request gets 429 with `Retry-After` (and the draft-8 RateLimit headers).
 * Keys live under the install's `namespace` (QUEUE_PREFIX), so two installs on one Redis (staging and
 * production, parallel test runs) never spend each other's budget.
 */
export function createRateLimit(redis: Redis, { namespace, name, perMinute, logger, perUser = false, message = 'Too many attempts; wait a minute and try again' }: {
  namespace: string;
  name: string;
  perMinute: number;
  logger?: Logger;
  perUser?: boolean;
  message?: string;
}) {
  const prefix = `${namespace}:rl:${name}:`;
  const shared = new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(perUser ? { keyGenerator: (req: Request) => (req.actor ? `user:${req.actor.userId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`) } : {}),
    store: new SharedStoreWithLocalFallback(shared, redis, logger, prefix),
    handler: (_req, _res, next) => next(new AppError('rate_limited', 429, message)),
  });
}
