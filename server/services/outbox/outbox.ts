import type { DbOrTx } from '../../db/client.ts';
import { jobIdFor, jobSchemas, type JobName, type JobPayload } from '../../jobs/jobs.ts';

export type OutboxMessage<N extends JobName = JobName> = {
  job: N;
  payload: JobPayload<N>;
  /** What caused it, unique per cause (e.g. `practice-123-v4`): becomes the BullMQ job id. */
  key: string;
  delayMs?: number;
  /** When the relay may hand it over (a scheduled job, e.g. a reminder); wins over delayMs. */
  availableAt?: Date;
};

const toRow = <N extends JobName>(message: OutboxMessage<N>) => ({
  job: message.job,
  payload: jobSchemas[message.job].parse(message.payload) as object,
  job_id: jobIdFor(message.job, message.key),
  available_at: (message.availableAt ?? new Date(Date.now() + (message.delayMs ?? 0))).toISOString(),
});

/**
 * Writes jobs to the outbox inside the caller's transaction: they exist exactly when the domain change
 * committed. The relay (workers/relay.ts) moves them to BullMQ.
 */
export function createOutbox() {
  /**
   * Several jobs in one statement (same semantics as `add` for each): the rows travel as one JSON
   * parameter, which costs a fraction of what building a many-row `createMany` did (the producer's
   * side of the notifications benchmark). A job id already there (the same cause again) is skipped.
   * `available_at` is a UTC timestamp without zone, as Prisma writes dates.
   */
  async function addMany<N extends JobName>(tx: DbOrTx, messages: OutboxMessage<N>[]) {
    if (messages.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO outbox_events (job, payload, job_id, available_at)
      SELECT r.job, r.payload, r.job_id, r.available_at
      FROM jsonb_to_recordset(${JSON.stringify(messages.map(toRow))}::jsonb) AS r(job text, payload jsonb, job_id text, available_at timestamp(3))
      ON CONFLICT DO NOTHING`;
  }
  async function add<N extends JobName>(tx: DbOrTx, message: OutboxMessage<N>) {
    await addMany(tx, [message]);
  }
  /**
   * Cancels scheduled jobs not yet handed to the relay whose cause key starts with `keyPrefix` (e.g. a
   * twinning's reminders when its plan changes or it ends). Jobs already relayed are the processor's to
   * skip (they re-read their subject). Returns how many were cancelled.
   */
  async function cancelPending(tx: DbOrTx, job: JobName, keyPrefix: string) {
    return tx.$executeRaw`DELETE FROM outbox_events
      WHERE job = ${job} AND dispatched_at IS NULL AND starts_with(job_id, ${jobIdFor(job, keyPrefix)})`;
  }
  return { add, addMany, cancelPending };
}

export type Outbox = ReturnType<typeof createOutbox>;
