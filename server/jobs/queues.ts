import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { jobNames, type JobName } from './jobs.ts';

export const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  // completed ids are kept a day so a re-enqueue of the same outbox row stays a no-op
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  // failed jobs (dead letters, with their error) are kept a week, visible at /admin/queues
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Jobs that talk to SMTP: their own attempts and backoff (a mail server can be away for minutes). */
export const MAIL_JOBS: JobName[] = ['notification.email', 'notification.digest'];

export type QueueOptions = { mail?: { attempts: number; backoffMs: number }; onError?: (err: Error, queue: JobName) => void };

export function jobOptionsFor(name: JobName, opts: QueueOptions = {}): DefaultJobOptions {
  if (opts.mail && MAIL_JOBS.includes(name)) {
    return { ...defaultJobOptions, attempts: opts.mail.attempts, backoff: { type: 'exponential', delay: opts.mail.backoffMs } };
  }
  return defaultJobOptions;
}

/** One queue per job name: a slow kind of job never holds up another. */
export function createQueues(connection: ConnectionOptions, prefix: string, opts: QueueOptions = {}): Record<JobName, Queue> {
  return Object.fromEntries(
    jobNames.map((name) => {
      const queue = new Queue(name, { connection, prefix, defaultJobOptions: jobOptionsFor(name, opts) });
      // without a listener BullMQ prints connection errors to the console; the caller logs them instead
      if (opts.onError) queue.on('error', (err) => opts.onError!(err, name));
      return [name, queue];
    }),
  ) as Record<JobName, Queue>;
}

export const closeQueues = (queues: Record<string, Queue>) => Promise.all(Object.values(queues).map((q) => q.close()));
