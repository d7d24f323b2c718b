import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../lib/errors.ts';

/** Limits per client IP, counted in Redis so every API node shares the budget. */
export function createRateLimit(redis: Redis, { name, perMinute }: { name: string; perMinute: number }) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new RedisStore({
      prefix: `rl:${name}:`,
      sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (_req, _res, next) => next(new AppError('rate_limited', 429, 'Too many attempts; wait a minute and try again')),
  });
}
