import { createHash } from 'node:crypto';
import { z } from 'zod';
import { notificationTypeSchema } from '../contract/common.ts';

/**
 * Who a notification is for, resolved by the fan-out job when it runs (not when the event is written),
 * minus the actor: a user, a city's focal points or all its members, the managers of a network or of
 * every network a city belongs to.
 */
export const recipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.string().min(1) }),
  z.object({ kind: z.literal('city_focal_points'), cityId: z.string().min(1) }),
  z.object({ kind: z.literal('city_members'), cityId: z.string().min(1) }),
  z.object({ kind: z.literal('network_managers'), networkId: z.string().min(1) }),
  z.object({ kind: z.literal('city_network_managers'), cityId: z.string().min(1) }),
]);
export type Recipient = z.infer<typeof recipientSchema>;

/**
 * Every background job: its name and the schema of its payload. The outbox validates payloads against
 * it when they are written, the worker again when they run, and refuses to start if a job has no processor.
 */
export const jobSchemas = {
  /**
   * One domain event that notifies people (written to the outbox by the producer, in its transaction).
   * The job resolves `recipients` minus `actorId` and writes one notification per recipient under
   * (userId, eventKey); `subject` is what the notification links to; `data` is what templates show.
   * Relayed in batches (see `relayBatches`): one BullMQ job carries many of these events.
   */
  'notification.fanout': z.object({
    type: notificationTypeSchema,
    eventKey: z.string().min(1),
    actorId: z.string().min(1).nullable(),
    subject: z.object({ kind: z.enum(['twinning', 'thread', 'practice', 'join_request', 'city']), id: z.string().min(1) }),
    recipients: z.array(recipientSchema).min(1),
    data: z.record(z.string(), z.unknown()).default({}),
  }),
  /** The instant e-mail of one notification (queued by the fan-out in the transaction that created it). */
  'notification.email': z.object({ notificationId: z.string().min(1) }),
  /** One user's digest for one 08:00 slot (ISO instant); keyed by user and slot. */
  'notification.digest': z.object({ userId: z.string().min(1), slot: z.string().datetime() }),
  /** Run by a BullMQ job scheduler: queues the digests whose slot has come. */
  'notification.digest-tick': z.object({}).default({}),
  /** Puts a practice's current state into the search index, or takes it out; re-reads it by id. */
  'search.index-practice': z.object({ practiceId: z.string().min(1) }),
  /**
   * A reminder of a twinning's visit or activity, scheduled (outbox `availableAt`) 14 and 2 days before
   * it starts; re-reads the plan and is skipped when the item moved or the twinning is no longer active.
   */
  'twinning.reminder': z.object({
    twinningId: z.string().min(1),
    /** `visit:<kind>` or `activity:<index>` in the plan */
    itemKey: z.string().min(1),
    startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    daysBefore: z.number().int().min(0),
  }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;
export const jobNames = Object.keys(jobSchemas) as JobName[];

/** BullMQ forbids ':' in custom ids; ids derive from the job and its cause, so re-enqueueing is a no-op. */
export const jobIdFor = (job: JobName, key: string) => `${job}-${key}`.replace(/:/g, '_');

/**
 * Jobs the relay hands over in batches, with the most outbox rows one BullMQ job carries. The outbox
 * keeps one row per cause (what producers write does not change); the BullMQ job's data is
 * `{ batch: [payload, …] }` and its processor takes them all at once: one job, one set of queries and
 * one insert for hundreds of events instead of one of each per event (the per-job Redis scripts and
 * queries were where the worker's CPU went).
 */
export const relayBatches = { 'notification.fanout': 250 } as const satisfies Partial<Record<JobName, number>>;
export type BatchedJobName = keyof typeof relayBatches;
export const isBatched = (job: JobName): job is BatchedJobName => job in relayBatches;

/** What the processor of `job` takes: the payloads of a batch, or one payload. */
export type ProcessorInput<N extends JobName> = N extends BatchedJobName ? JobPayload<N>[] : JobPayload<N>;

/**
 * The data of a batched job read back: `{ batch }`, or one bare payload (a job enqueued before the job
 * was batched, still in Redis across a deploy), each payload checked against the job's schema.
 */
export function parseBatch<N extends BatchedJobName>(job: N, data: unknown): JobPayload<N>[] {
  const schema = jobSchemas[job];
  if (data && typeof data === 'object' && 'batch' in data) return z.object({ batch: z.array(schema).min(1) }).parse(data).batch;
  return [schema.parse(data)];
}

/**
 * The id of the batch job made of these outbox rows (ids in the order relayed): the same rows handed
 * over again (a relay that died between enqueue and commit) make the same id, which BullMQ ignores.
 * Rows grouped differently on a replay make another job; its events are deduplicated by the fan-out.
 */
export function batchJobIdFor(job: BatchedJobName, outboxIds: readonly (bigint | number | string)[]) {
  const digest = createHash('sha256').update(outboxIds.join(',')).digest('hex').slice(0, 32);
  return `${job}-batch-${outboxIds[0]}-${outboxIds.length}-${digest}`;
}
