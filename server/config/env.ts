import { z } from 'zod';

// Validated once at start; API, workers and scripts share it. Nothing else reads process.env.
const boolish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  // Meilisearch is optional: without it the built-in PostgreSQL engine serves search.
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  SEARCH_INDEX_PREFIX: z.string().default('charter'),
  SESSION_TTL_DAYS: z.coerce.number().int().positive().default(30),
  COOKIE_SECURE: boolish,
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().positive().default(20),
  // messages one user may post per minute (all threads, all API nodes)
  RATE_LIMIT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  // Where the built client lives; served at / when present.
  CLIENT_DIST: z.string().default('client/dist'),
  QUEUE_PREFIX: z.string().default('charter'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(200),
  MAIL_FROM: z.string().default('Charter Twinning <no-reply@localhost>'),
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  // HMAC key of the one-click unsubscribe links (required in production: links must not be forgeable)
  UNSUBSCRIBE_SECRET: z.string().min(16).optional(),
  // mail jobs: attempts and the first exponential backoff delay; after the last one the job stays failed
  MAIL_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  MAIL_BACKOFF_MS: z.coerce.number().int().min(1).default(5000),
  // how long a worker holds a job before another may take it over as stalled (its process died)
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  // fan-out jobs in flight per worker process: concurrent ones are written to PostgreSQL together
  FANOUT_CONCURRENCY: z.coerce.number().int().min(1).default(100),
  // how often the digest scheduler looks for users whose 08:00 has come (cron, UTC)
  DIGEST_TICK_PATTERN: z.string().default('*/15 * * * *'),
  // partial JSON override of server/config/matching.ts, e.g. {"weights":{"distance":0}}
  MATCHING_CONFIG: z.string().optional(),
  // match reasons call two cities "nearby" only up to this great-circle distance; beyond it, the distance alone
  NEARBY_KM: z.coerce.number().positive().default(300),
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.UNSUBSCRIBE_SECRET) {
    throw new Error('Invalid environment:\n  UNSUBSCRIBE_SECRET: required in production (at least 16 characters)');
  }
  return parsed.data;
}

/** The unsubscribe key: the configured one, else a fixed development key (refused in production above). */
export const unsubscribeSecret = (env: Env) => env.UNSUBSCRIBE_SECRET ?? 'development-only-unsubscribe-key';
