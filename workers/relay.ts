import type { Queue } from 'bullmq';
import type { Db } from '../server/db/client.ts';
import type { Logger } from '../server/lib/logger.ts';
import { batchJobIdFor, isBatched, relayBatches, type JobName } from '../server/jobs/jobs.ts';

type OutboxRow = { id: bigint; job: string; payload: unknown; job_id: string };

/** One BullMQ job per row, or per chunk of rows for a batched job. */
function toJobs(job: JobName, rows: OutboxRow[]) {
  if (!isBatched(job)) return rows.map((r) => ({ name: job, data: r.payload, opts: { jobId: r.job_id } }));
  const size = relayBatches[job];
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size)).map((chunk) => ({
    name: job, data: { batch: chunk.map((r) => r.payload) }, opts: { jobId: batchJobIdFor(job, chunk.map((r) => r.id)) },
  }));
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so relays on
 * several processes never take the same row; the deterministic job id makes a crash between enqueue
 * and commit harmless (the second add of that id is ignored by BullMQ). Rows of a batched job
 * (`relayBatches` in server/jobs/jobs.ts) become one BullMQ job per chunk of rows, its id derived from
 * the chunk's outbox ids, so that replay is a no-op too.
 */
export function createOutboxRelay({ db, queues, logger, batchSize = 1000, pollMs = 200 }: {
  db: Db;
  queues: Record<JobName, Queue>;
  logger?: Logger;
  batchSize?: number;
  pollMs?: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function runOnce(): Promise<number> {
    return db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id, job, payload, job_id FROM outbox_events
        WHERE dispatched_at IS NULL AND available_at <= now()
        ORDER BY id LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      const byJob = new Map<string, OutboxRow[]>();
      for (const row of rows) {
        const group = byJob.get(row.job);
        if (group) group.push(row);
        else byJob.set(row.job, [row]);
      }
      for (const [job, jobRows] of byJob) {
        const queue = queues[job as JobName];
        if (!queue) throw new Error(`Outbox row for unknown job "${job}"`);
        await queue.addBulk(toJobs(job as JobName, jobRows));
      }
      await tx.$executeRaw`
        UPDATE outbox_events SET dispatched_at = now(), attempts = attempts + 1
        WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`;
      return rows.length;
    }, { timeout: 30_000 });
  }

  async function loop() {
    while (!stopped) {
      let moved = 0;
      try {
        moved = await runOnce();
      } catch (err) {
        logger?.error({ err }, 'outbox relay failed; retrying');
      }
      // A full batch means more are waiting: go again at once.
      if (moved < batchSize) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, pollMs);
        });
      }
    }
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
