import type { Queue } from 'bullmq';
import type { Db } from '../server/db/client.ts';
import type { Logger } from '../server/lib/logger.ts';
import { listenForOutbox } from './outbox-listener.ts';
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
 * the chunk's outbox ids, so that replay is a no-op too. With `databaseUrl` it also LISTENs for commits
 * (workers/outbox-listener.ts) and goes at once instead of at its next poll.
 */
export function createOutboxRelay({ db, queues, logger, batchSize = 1000, pollMs = 200, databaseUrl }: {
  db: Db;
  queues: Record<JobName, Queue>;
  logger?: Logger;
  batchSize?: number;
  pollMs?: number;
  databaseUrl?: string;
}) {
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let wakeOnCommit = false;
  let committed = false; // rows committed since the last claim began
  let running: Promise<void> | undefined;
  let listener: ReturnType<typeof listenForOutbox> | undefined;
  let stopped = true;
  const onCommit = () => {
    committed = true;
    if (wakeOnCommit) wake?.();
  };

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
      committed = false;
      let moved = 0;
      let failed = false;
      try {
        moved = await runOnce();
      } catch (err) {
        failed = true;
        logger?.error({ err }, 'outbox relay failed; retrying');
      }
      // A full batch, or a commit announced meanwhile, means more are waiting: go again at once. After a
      // failure (Redis away) only the poll wakes it, however many commits are announced.
      if (failed || (moved < batchSize && !committed)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          wakeOnCommit = !failed;
          timer = setTimeout(resolve, pollMs);
        });
        wakeOnCommit = false;
      }
    }
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      if (databaseUrl) listener = listenForOutbox({ databaseUrl, onCommit, logger });
      running = loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
      await listener?.stop();
    },
  };
}
