import type { Redis } from 'ioredis';
import { unsubscribeSecret, type Env } from './config/env.ts';
import { loadMatchingConfig } from './config/matching.ts';
import type { Db } from './db/client.ts';
import { createJobDashboard } from './http/job-dashboard.ts';
import type { Logger } from './lib/logger.ts';
import { createRealtimePublisher, realtimeKey } from './lib/realtime-publisher.ts';
import { withDroppingPublish } from './redis.ts';
import { createAuthService } from './services/auth/auth.service.ts';
import { createMeService } from './services/auth/me.service.ts';
import { createCitiesService } from './services/cities/cities.service.ts';
import { createJoinRequestsService } from './services/join-requests/join-requests.service.ts';
import { createPlacesService } from './services/places/places.service.ts';
import { createImportsService } from './services/imports/imports.service.ts';
import { createReferenceCheck } from './services/reference/reference-check.ts';
import { createMatchingService } from './services/matching/matching.service.ts';
import { createNetworksService } from './services/networks/networks.service.ts';
import { createNotificationsService } from './services/notifications/notifications.service.ts';
import { createOutbox } from './services/outbox/outbox.ts';
import { createPracticesService } from './services/practices/practices.service.ts';
import { createMigrationRoutesService } from './services/migration-routes/migration-routes.service.ts';
import { createSearchEngine } from './services/search/create-engine.ts';
import { withSampleFlags } from './services/sample/sample-flags.ts';
import { createSearchAllService } from './services/search/search-all.ts';
import { createTaxonomyService } from './services/taxonomy/taxonomy.service.ts';
import { createMessagesService } from './services/threads/messages.service.ts';
import { createThreadsService } from './services/threads/threads.service.ts';
import { createTwinningReminders } from './services/twinnings/reminders.ts';
import { createTwinningsService } from './services/twinnings/twinnings.service.ts';

/** The composition root: every service built once from its narrow dependencies. */
export function createContainer({ env, db, redis, logger, databaseUrl }: { env: Env; db: Db; redis: Redis; logger: Logger; databaseUrl: string }) {
  const taxonomy = createTaxonomyService({ db });
  const outbox = createOutbox();
  const search = withSampleFlags(createSearchEngine({ env, databaseUrl, logger }), db);
  const refs = createReferenceCheck({ db, taxonomy });
  // publishes are fire-and-forget: while Redis is away they are dropped, never an error (docs/architecture.md)
  const publisher = withDroppingPublish(redis, logger, 'publish');
  const realtime = createRealtimePublisher(publisher, { key: realtimeKey(env.QUEUE_PREFIX), onError: (err) => logger.warn({ err }, 'socket event not published') });
  const matching = createMatchingService({
    db, databaseUrl, redis: publisher, taxonomy, logger, config: loadMatchingConfig(env.MATCHING_CONFIG), channel: `${env.QUEUE_PREFIX}:matching:invalidate`,
    nearbyKm: env.NEARBY_KM,
  });
  return {
    env,
    db,
    redis,
    logger,
    taxonomy,
    outbox,
    realtime,
    // /admin/queues, loaded on first use; producers never enqueue here, they write the outbox
    jobDashboard: createJobDashboard({
      redis, prefix: env.QUEUE_PREFIX, basePath: '/admin/queues', onError: (err, queue) => logger.warn({ err: err.message, queue }, 'job queue error'),
    }),
    auth: createAuthService({ db, sessionTtlDays: env.SESSION_TTL_DAYS }),
    migrationRoutes: createMigrationRoutesService({ db, refs, outbox }),
    me: createMeService({ db }),
    networks: createNetworksService({ db, outbox }),
    matching,
    practices: createPracticesService({ db, refs, outbox }),
    notifications: createNotificationsService({ db, unsubscribeSecret: unsubscribeSecret(env) }),
    // MEILI_URL set → Meilisearch, else the built-in PostgreSQL engine; responses name it in `engine`
    search,
    searchAll: createSearchAllService({ db, search }),
    threads: createThreadsService({ db, outbox, realtime }),
    threadMessages: createMessagesService({ db, outbox, realtime }),
    twinnings: createTwinningsService({
      db, outbox, refs, matching, reminders: createTwinningReminders({ db, outbox }), publicUrl: env.PUBLIC_URL, realtime,
    }),
    cities: createCitiesService({ db, taxonomy, logger, refs, onChange: [matching.cityChanged] }),
    joinRequests: createJoinRequestsService({ db, outbox }),
    places: createPlacesService({ logger }),
    imports: createImportsService({ db, refs, logger, onChange: [matching.cityChanged] }),
  };
}

export type Container = ReturnType<typeof createContainer>;
