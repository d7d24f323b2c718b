import { z } from 'zod';

/**
 * Every background job: its name and the schema of its payload. The outbox validates payloads against
 * it when they are written, the worker again when they run, and refuses to start if a job has no processor.
 */
export const jobSchemas = {
  /** In-app notifications for a set of users, pushed live to their sockets; `dedupeKey` makes reruns no-ops. */
  'notification.create': z.object({
    userIds: z.array(z.string().min(1)).min(1),
    type: z.string().min(1),
    payload: z.record(z.string(), z.unknown()),
    dedupeKey: z.string().min(1),
  }),
  /** Puts a practice's current state into the search index, or takes it out; re-reads it by id. */
  'search.index-practice': z.object({ practiceId: z.string().min(1) }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;
export const jobNames = Object.keys(jobSchemas) as JobName[];

/** BullMQ forbids ':' in custom ids; ids derive from the job and its cause, so re-enqueueing is a no-op. */
export const jobIdFor = (job: JobName, key: string) => `${job}-${key}`.replace(/:/g, '_');
