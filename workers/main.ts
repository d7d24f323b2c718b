import '../server/db/pg-runtime.ts'; // first: before pg loads (see the module)
import { pathToFileURL } from 'node:url';
import { Worker } from 'bullmq';
import { loadEnv, unsubscribeSecret, type Env } from '../server/config/env.ts';
import { createDb } from '../server/db/client.ts';
import { resolveDatabase } from '../server/db/resolve-database.ts';
import { createLogger, type Logger } from '../server/lib/logger.ts';
import { stopOnSignal } from '../server/lib/shutdown.ts';
import { createRealtimePublisher, realtimeKey } from '../server/lib/realtime-publisher.ts';
import { assertRedisReachable, createRedis, withDroppingPublish } from '../server/redis.ts';
import { createSearchEngine } from '../server/services/search/create-engine.ts';
import { createMailer } from '../server/services/mail/mailer.ts';
import { createNotificationEmails } from '../server/services/notifications/email-delivery.ts';
import { createNotificationFanout } from '../server/services/notifications/fanout.ts';
import { createOutbox } from '../server/services/outbox/outbox.ts';
import { createTwinningReminders } from '../server/services/twinnings/reminders.ts';
import { isBatched, jobNames, jobSchemas, parseBatch, type JobName } from '../server/jobs/jobs.ts';
import type { ProcessorDeps, ProcessorMap } from './processor.ts';
import { processors as defaultProcessors } from './processors/index.ts';
import { closeQueues, createQueues } from './queues.ts';
import { createOutboxRelay } from './relay.ts';

/** Refuses to run with a job nobody processes: such jobs would pile up in Redis unseen. */
export function assertEveryJobHasAProcessor(processors: Partial<ProcessorMap>) {
  const missing = jobNames.filter((name) => typeof processors[name] !== 'function');
  if (missing.length) throw new Error(`No processor for job(s): ${missing.join(', ')}`);
}

/** The outbox relay plus one BullMQ worker per job. Returns a function that drains and stops them. */
export async function startWorkers({ env, logger, databaseUrl, processors = defaultProcessors, concurrency = 10, now = () => new Date() }: {
  env: Env;
  logger: Logger;
  databaseUrl: string;
  processors?: ProcessorMap;
  concurrency?: number;
  now?: () => Date;
}) {
  assertEveryJobHasAProcessor(processors);
  const db = createDb(databaseUrl);
  const connection = createRedis(env.REDIS_URL, { forWorkers: true, logger });
  await assertRedisReachable(connection, env.REDIS_URL);
  // a fan-out batch publishes hundreds of pushes in one tick: one write to Redis instead of one each
  const publisherRedis = createRedis(env.REDIS_URL, { logger, autoPipelining: true });
  const search = createSearchEngine({ env, databaseUrl, logger });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logger });
  const outbox = createOutbox();
  const deps: ProcessorDeps = {
    db, realtime: createRealtimePublisher(withDroppingPublish(publisherRedis, logger, 'realtime'), { key: realtimeKey(env.QUEUE_PREFIX), onError: (err) => logger.warn({ err }, 'socket event not published') }), logger, search, now,
    fanout: createNotificationFanout({ db, outbox }),
    emails: createNotificationEmails({ db, mailer, outbox, publicUrl: env.PUBLIC_URL, secret: unsubscribeSecret(env) }),
    twinningReminders: createTwinningReminders({ db, outbox }),
  };
  const queues = createQueues(connection, env.QUEUE_PREFIX, {
    mail: { attempts: env.MAIL_ATTEMPTS, backoffMs: env.MAIL_BACKOFF_MS },
    onError: (err, queue) => logger.warn({ err: err.message, queue }, 'job queue error'),
  });
  const relay = createOutboxRelay({ db, queues, logger, pollMs: env.OUTBOX_POLL_MS, databaseUrl });

  const workers = jobNames.map((name: JobName) => {
    const worker = new Worker(
      name,
      async (job) => {
        const payload = isBatched(name) ? parseBatch(name, job.data) : jobSchemas[name].parse(job.data);
        const process = processors[name] as (p: unknown, d: ProcessorDeps, m: { jobId: string; attempt: number }) => Promise<unknown>;
        return process(payload, deps, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
      },
      { connection, prefix: env.QUEUE_PREFIX, concurrency: name === 'notification.fanout' ? env.FANOUT_CONCURRENCY : concurrency, lockDuration: env.JOB_LOCK_MS, stalledInterval: env.JOB_LOCK_MS },
    );
    // Failures are retried by BullMQ (attempts/backoff in queues.ts); log every one, never swallow.
    worker.on('failed', (job, err) => logger.error({ err, job: name, jobId: job?.id, attempt: job?.attemptsMade }, 'job failed'));
    worker.on('error', (err) => logger.error({ err, job: name }, 'worker error'));
    return worker;
  });
  relay.start();
  // digests: one scheduler looks every few minutes for users whose 08:00 has come (upsert: one per deployment)
  await queues['notification.digest-tick'].upsertJobScheduler('digest-tick', { pattern: env.DIGEST_TICK_PATTERN }, { name: 'notification.digest-tick', data: {} });
  logger.info({ jobs: jobNames }, 'workers started');

  return {
    queues,
    relay,
    async stop() {
      await relay.stop();
      // close() waits for running jobs to finish: a deploy never cuts a job in half
      await Promise.all(workers.map((w) => w.close()));
      await closeQueues(queues);
      mailer.close();
      await search.close();
      await db.$disconnect();
      await connection.quit().catch(() => {});
      await publisherRedis.quit().catch(() => {});
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL, 'worker');
  const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, logger });
  const workers = await startWorkers({ env, logger, databaseUrl: database.url });
  stopOnSignal(logger, async () => {
    await workers.stop();
    await database.stop();
  });
}
