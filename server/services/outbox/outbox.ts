import type { DbOrTx } from '../../db/client.ts';
import { jobIdFor, jobSchemas, type JobName, type JobPayload } from '../../jobs/jobs.ts';

export type OutboxMessage<N extends JobName = JobName> = {
  job: N;
  payload: JobPayload<N>;
  /** What caused it, unique per cause (e.g. `practice-123-v4`): becomes the BullMQ job id. */
  key: string;
  delayMs?: number;
};

/**
 * Writes jobs to the outbox inside the caller's transaction: they exist exactly when the domain change
 * committed. The relay (workers/relay.ts) moves them to BullMQ.
 */
export function createOutbox() {
  async function add<N extends JobName>(tx: DbOrTx, message: OutboxMessage<N>) {
    const payload = jobSchemas[message.job].parse(message.payload);
    await tx.outboxEvent.createMany({
      data: [{
        job: message.job,
        payload: payload as object,
        jobId: jobIdFor(message.job, message.key),
        availableAt: new Date(Date.now() + (message.delayMs ?? 0)),
      }],
      skipDuplicates: true,
    });
  }
  return { add };
}

export type Outbox = ReturnType<typeof createOutbox>;
