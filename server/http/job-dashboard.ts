import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { JobName } from '../jobs/jobs.ts';

/**
 * The job dashboard (bull-board over one BullMQ queue per job), built on its first request. The API
 * never enqueues (producers write the outbox), so until an admin opens /admin/queues no API process
 * loads bullmq, bull-board and what they bring (lodash, luxon, valibot, msgpackr: ≈3.5 MB of module
 * source, and their objects, held for the life of the process).
 */
export function createJobDashboard({ redis, prefix, basePath, onError }: {
  redis: Redis;
  prefix: string;
  basePath: string;
  onError: (err: Error, queue: JobName) => void;
}) {
  let built: Promise<{ router: RequestHandler; close: () => Promise<unknown> }> | undefined;
  const build = async () => {
    const [{ createQueues, closeQueues }, { createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
      import('../jobs/queues.ts'), import('@bull-board/api'), import('@bull-board/api/bullMQAdapter'), import('@bull-board/express'),
    ]);
    const queues = createQueues(redis, prefix, { onError });
    const board = new ExpressAdapter();
    board.setBasePath(basePath);
    createBullBoard({ queues: Object.values(queues).map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter: board });
    return { router: board.getRouter() as RequestHandler, close: () => closeQueues(queues) };
  };
  return {
    /** Mount after the admin check. */
    handler: (async (req, res, next) => {
      // a failed build (a module that would not load) is tried again on the next request
      const { router } = await (built ??= build().catch((err: unknown) => { built = undefined; throw err; }));
      router(req, res, next);
    }) as RequestHandler,
    async close() {
      await (await built?.catch(() => undefined))?.close();
    },
  };
}

export type JobDashboard = ReturnType<typeof createJobDashboard>;
