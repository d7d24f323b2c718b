import { type Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createLogger } from '../../../server/lib/logger.ts';
import { createRedis } from '../../../server/redis.ts';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import { jobIdFor } from '../../../server/jobs/jobs.ts';
import { createNotificationFanout } from '../../../server/services/notifications/fanout.ts';
import { assertEveryJobHasAProcessor } from '../../../workers/main.ts';
import { processors } from '../../../workers/processors/index.ts';
import { closeQueues, createQueues } from '../../../workers/queues.ts';
import { createOutboxRelay } from '../../../workers/relay.ts';
import { createUser } from '../../factories/users.ts';
import { testEnv } from '../../helpers/app.ts';
import { deleteKeysWithPrefix } from '../../helpers/redis-cleanup.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let db: Db;
let db2: Db;
const env = () => testEnv(database.url);
const redis = createRedis('redis://127.0.0.1:6379', { forWorkers: true });
const prefix = `test-outbox-${Date.now().toString(36)}`;
const queues = createQueues(redis, prefix);
const logger = createLogger('silent');
const outbox = createOutbox();
/** One notification event for one user, keyed by `key`. */
const event = (userId: string, key: string, data: Record<string, unknown> = {}) => ({
  type: 'practice.published' as const, eventKey: key, actorId: null, subject: { kind: 'practice' as const, id: 'p1' }, recipients: [{ kind: 'user' as const, userId }], data,
});

beforeAll(async () => {
  database = await createTestDatabase('outbox');
  db = createDb(database.url);
  db2 = createDb(database.url);
});
afterAll(async () => {
  await closeQueues(queues);
  await redis.quit();
  await deleteKeysWithPrefix('redis://127.0.0.1:6379', prefix);
  await deleteKeysWithPrefix('redis://127.0.0.1:6379', `${prefix}-e2e`);
  await db?.$disconnect();
  await db2?.$disconnect();
  await database?.drop();
});

const pendingCount = () => db.outboxEvent.count({ where: { dispatchedAt: null } });
const jobsIn = async (queue: Queue) => queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);

describe('transactional outbox', () => {
  it('writes nothing when the transaction rolls back', async () => {
    const user = await createUser(db);
    await expect(db.$transaction(async (tx) => {
      await outbox.add(tx, { job: 'notification.fanout', key: 'rollback-1', payload: event(user.id, 'rollback-1') });
      throw new Error('domain write failed');
    })).rejects.toThrow('domain write failed');
    expect(await db.outboxEvent.count()).toBe(0);
  });

  it('rejects a payload that does not match the job schema', async () => {
    await expect(outbox.add(db, { job: 'notification.fanout', key: 'bad', payload: { ...event('u', 'x'), recipients: [] } }))
      .rejects.toThrow();
    expect(await db.outboxEvent.count()).toBe(0);
  });

  it('delivers each committed row to BullMQ exactly once when two relays run concurrently', async () => {
    const user = await createUser(db);
    const n = 120;
    await db.$transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        await outbox.add(tx, { job: 'notification.fanout', key: `conc-${i}`, payload: event(user.id, `conc-${i}`, { i }) });
      }
    });
    expect(await pendingCount()).toBe(n);

    // Two relays on two separate connection pools, small batches so they interleave.
    const relayA = createOutboxRelay({ db, queues, batchSize: 7 });
    const relayB = createOutboxRelay({ db: db2, queues, batchSize: 7 });
    const drain = async (relay: typeof relayA) => {
      let moved = 0;
      for (let batch = await relay.runOnce(); batch > 0; batch = await relay.runOnce()) moved += batch;
      return moved;
    };
    const [a, b] = await Promise.all([drain(relayA), drain(relayB)]);
    expect(a + b).toBe(n);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(await pendingCount()).toBe(0);

    const jobs = (await jobsIn(queues['notification.fanout'])).filter((j) => j.data.eventKey.startsWith('conc-'));
    expect(jobs).toHaveLength(n);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(n);
    expect(jobs.map((j) => j.id)).toContain(jobIdFor('notification.fanout', 'conc-0'));

    // Rows all marked dispatched once: nothing left for a third pass.
    expect(await relayA.runOnce()).toBe(0);
    const attempts = await db.outboxEvent.groupBy({ by: ['attempts'], _count: true });
    expect(attempts).toEqual([{ attempts: 1, _count: n }]);
  });

  it('ignores a second enqueue of the same row (crash between enqueue and commit)', async () => {
    const user = await createUser(db);
    await outbox.add(db, { job: 'notification.fanout', key: 'replay-1', payload: event(user.id, 'replay-1') });
    const relay = createOutboxRelay({ db, queues });
    expect(await relay.runOnce()).toBe(1);
    // Simulate the crash: the row goes back to pending although its job was already added.
    await db.outboxEvent.updateMany({ where: { jobId: jobIdFor('notification.fanout', 'replay-1') }, data: { dispatchedAt: null } });
    expect(await relay.runOnce()).toBe(1);
    const jobs = (await jobsIn(queues['notification.fanout'])).filter((j) => j.data.eventKey === 'replay-1');
    expect(jobs).toHaveLength(1);
  });
});

describe('workers', () => {
  it('refuses to start when a job has no processor', () => {
    expect(() => assertEveryJobHasAProcessor({})).toThrow(/No processor for job\(s\): notification.fanout/);
    expect(() => assertEveryJobHasAProcessor(processors)).not.toThrow();
  });

  it('runs notification jobs idempotently: running one twice creates one notification', async () => {
    const user = await createUser(db);
    const pushed: unknown[] = [];
    // notification jobs never touch the search engine
    const deps = {
      db, logger, now: () => new Date(), emails: undefined as never, fanout: createNotificationFanout({ db, outbox }),
      realtime: { toUser: (_u: string, _e: string, d: unknown) => pushed.push(d), toThread: () => {} }, search: undefined as never, twinningReminders: undefined as never,
    };
    const payload = { ...event(user.id, 'twinning-t1-requested'), type: 'twinning.requested' as const, subject: { kind: 'twinning' as const, id: 't1' } };
    await processors['notification.fanout'](payload, deps, { jobId: 'x', attempt: 1 });
    await processors['notification.fanout'](payload, deps, { jobId: 'x', attempt: 2 });
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(1);
    // the rerun pushes the existing one again (it may have crashed before its push); clients keep it by id
    expect(new Set(pushed.map((p) => (p as { notification: { id: string } }).notification.id)).size).toBe(1);
    // its instant e-mail (a decision addressed to the user) was queued once, in the same transaction
    expect(await db.outboxEvent.count({ where: { job: 'notification.email' } })).toBe(1);
  });

  it('writes concurrent fan-outs together, and one bad event does not fail the others', async () => {
    const [a, b] = [await createUser(db), await createUser(db)];
    const fanout = createNotificationFanout({ db, outbox });
    const results = await Promise.allSettled([
      fanout.run(event(a.id, 'group-good-1')),
      // PostgreSQL refuses U+0000 in jsonb: this one fails, in the group and on its own
      fanout.run(event(b.id, 'group-bad', { title: 'a\u0000b' })),
      fanout.run(event(b.id, 'group-good-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db.notification.count({ where: { dedupeKey: { startsWith: 'group-' } } })).toBe(2);
  });

  it('takes an outbox row all the way to a notification through the relay and a BullMQ worker', async () => {
    const { startWorkers } = await import('../../../workers/main.ts');
    const e = { ...env(), QUEUE_PREFIX: `${prefix}-e2e` };
    const workers = await startWorkers({ env: e, logger, databaseUrl: database.url });
    try {
      const user = await createUser(db);
      await db.$transaction(async (tx) => {
        await outbox.add(tx, { job: 'notification.fanout', key: 'e2e-1', payload: event(user.id, 'e2e-1') });
      });
      const deadline = Date.now() + 10_000;
      let count = 0;
      while (Date.now() < deadline && count === 0) {
        count = await db.notification.count({ where: { userId: user.id, type: 'practice.published' } });
        if (!count) await new Promise((r) => setTimeout(r, 50));
      }
      expect(count).toBe(1);
    } finally {
      await workers.stop();
    }
  });
});
