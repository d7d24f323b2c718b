import type { Redis } from 'ioredis';
import type { Env } from './config/env.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './lib/logger.ts';
import { createRealtimePublisher } from './realtime/publisher.ts';
import { createAuthService } from './services/auth/auth.service.ts';
import { createNetworksService } from './services/networks/networks.service.ts';
import { createOutbox } from './services/outbox/outbox.ts';
import { createRoutesService } from './services/routes/routes.service.ts';
import { createTaxonomyService } from './services/taxonomy/taxonomy.service.ts';

/** The composition root: every service built once from its narrow dependencies. */
export function createContainer({ env, db, redis, logger }: { env: Env; db: Db; redis: Redis; logger: Logger }) {
  const taxonomy = createTaxonomyService({ db });
  const outbox = createOutbox();
  return {
    env,
    db,
    redis,
    logger,
    taxonomy,
    outbox,
    realtime: createRealtimePublisher(redis),
    auth: createAuthService({ db, sessionTtlDays: env.SESSION_TTL_DAYS }),
    routes: createRoutesService({ db }),
    networks: createNetworksService({ db }),
  };
}

export type Container = ReturnType<typeof createContainer>;
