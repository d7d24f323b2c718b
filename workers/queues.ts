import { Queue, type ConnectionOptions } from 'bullmq';
import { jobNames, type JobName } from '../server/jobs/jobs.ts';

export const defaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  // completed ids are kept a day so a re-enqueue of the same outbox row stays a no-op
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** One queue per job name: a slow kind of job never holds up another. */
export function createQueues(connection: ConnectionOptions, prefix: string): Record<JobName, Queue> {
  return Object.fromEntries(
    jobNames.map((name) => [name, new Queue(name, { connection, prefix, defaultJobOptions })]),
  ) as Record<JobName, Queue>;
}

export const closeQueues = (queues: Record<string, Queue>) => Promise.all(Object.values(queues).map((q) => q.close()));
