import { type Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createLogger } from '../../../server/lib/logger.ts';
import { createRedis } from '../../../server/redis.ts';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import { batchJobIdFor, jobIdFor, type JobPayload } from '../../../server/jobs/jobs.ts';
import { createNotificationFanout } from '../../../server/services/notifications/fanout.ts';
import { assertEveryJobHasAProcessor } from '../../../workers/main.ts';
import { processors } from '../../../workers/processors/index.ts';
import { closeQueues, createQueues } from '../../../workers/queues.ts';
import { createOutboxRelay } from '../../../workers/relay.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
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
/** The events a notification.fanout job carries (a batch of outbox rows). */
const eventsOf = (job: { data: { batch: JobPayload<'notification.fanout'>[] } }) => job.data.batch;

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

    // one job per relay batch (7 rows), each event in exactly one of them
    const jobs = (await jobsIn(queues['notification.fanout'])).filter((j) => eventsOf(j).some((e) => e.eventKey.startsWith('conc-')));
    const keys = jobs.flatMap((j) => eventsOf(j).map((e) => e.eventKey));
    expect(keys.sort()).toEqual(Array.from({ length: n }, (_, i) => `conc-${i}`).sort());
    expect(jobs.length).toBeGreaterThanOrEqual(n / 7);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
    const rows = await db.outboxEvent.findMany({ where: { jobId: { startsWith: jobIdFor('notification.fanout', 'conc-') } }, orderBy: { id: 'asc' } });
    const first = jobs.find((j) => eventsOf(j)[0].eventKey === 'conc-0')!;
    expect(first.id).toBe(batchJobIdFor('notification.fanout', rows.slice(0, eventsOf(first).length).map((r) => r.id)));

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
    const jobs = (await jobsIn(queues['notification.fanout'])).filter((j) => eventsOf(j).some((e) => e.eventKey === 'replay-1'));
    expect(jobs).toHaveLength(1);
  });

  it('wakes on a commit (LISTEN/NOTIFY), not only at its next poll', async () => {
    const user = await createUser(db);
    // a poll this long never comes within the test: only the commit's notification can move the rows
    const relay = createOutboxRelay({ db, queues, pollMs: 600_000, databaseUrl: database.url });
    relay.start();
    try {
      for (const round of [1, 2]) {
        await outbox.add(db, { job: 'notification.fanout', key: `listen-${round}`, payload: event(user.id, `listen-${round}`) });
        for (let i = 0; i < 200 && (await pendingCount()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
        expect(await pendingCount()).toBe(0);
      }
    } finally {
      await relay.stop();
    }
  });

  it('hands a batched job\'s rows over in chunks of its batch size, one BullMQ job each', async () => {
    const user = await createUser(db);
    await outbox.addMany(db, Array.from({ length: 600 }, (_, i) => ({ job: 'notification.fanout' as const, key: `chunk-${i}`, payload: event(user.id, `chunk-${i}`) })));
    expect(await createOutboxRelay({ db, queues }).runOnce()).toBe(600);
    const jobs = (await jobsIn(queues['notification.fanout'])).filter((j) => eventsOf(j)[0].eventKey.startsWith('chunk-'));
    expect(jobs.map((j) => eventsOf(j).length).sort((a, b) => a - b)).toEqual([100, 250, 250]);
  });
});

describe('workers', () => {
  it('refuses to start when a job has no processor', () => {
    expect(() => assertEveryJobHasAProcessor({})).toThrow(/No processor for job\(s\): notification.fanout/);
    expect(() => assertEveryJobHasAProcessor(processors)).not.toThrow();
  });

  const fanoutDeps = (pushed: { userId: string; notification: { id: string; payload: Record<string, unknown> } }[]) => ({
    db, logger, now: () => new Date(), emails: undefined as never, fanout: createNotificationFanout({ db, outbox }),
    realtime: { toUser: (userId: string | string[], _e: string, d: unknown) => pushed.push({ userId: userId as string, ...(d as { notification: { id: string; payload: Record<string, unknown> } }) }), toThread: () => {} },
    search: undefined as never, twinningReminders: undefined as never,
  });

  it('runs a replayed batch job idempotently: nothing new, each e-mail queued once, the same rows pushed again', async () => {
    const [a, b] = [await createUser(db), await createUser(db)];
    const pushed: Parameters<typeof fanoutDeps>[0] = [];
    const deps = fanoutDeps(pushed);
    const batch = [
      { ...event(a.id, 'twinning-t1-requested'), type: 'twinning.requested' as const, subject: { kind: 'twinning' as const, id: 't1' } },
      event(a.id, 'idem-published'),
      { ...event(b.id, 'idem-both'), recipients: [{ kind: 'user' as const, userId: a.id }, { kind: 'user' as const, userId: b.id }] },
    ];
    expect(await processors['notification.fanout'](batch, deps, { jobId: 'x', attempt: 1 })).toEqual({ events: 3, created: 4, pushed: 4 });
    const firstIds = pushed.map((p) => p.notification.id).sort();
    expect(await processors['notification.fanout'](batch, deps, { jobId: 'x', attempt: 2 })).toEqual({ events: 3, created: 0, pushed: 4 });
    expect(await db.notification.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(4);
    // the rerun pushes the existing ones again (it may have crashed before its pushes); clients keep them by id
    expect(pushed.slice(4).map((p) => p.notification.id).sort()).toEqual(firstIds);
    // the instant e-mail (a decision addressed to the user) was queued once, in the transaction of its row
    expect(await db.outboxEvent.count({ where: { job: 'notification.email' } })).toBe(1);
    // a replay next to the original in one batch is written once
    expect(await processors['notification.fanout']([event(b.id, 'idem-twice'), event(b.id, 'idem-twice')], deps, { jobId: 'y', attempt: 1 }))
      .toEqual({ events: 2, created: 1, pushed: 1 });
  });

  it('resolves a batch of events of different types and recipient roles, minus each actor, per preferences', async () => {
    const [focal, actor, practitioner, manager, direct, emailOnly] = await Promise.all([0, 1, 2, 3, 4, 5].map(() => createUser(db)));
    await db.country.upsert({ where: { code: 'ES' }, create: { code: 'ES', names: { en: 'Spain', fr: 'Espagne', es: 'España' }, region: 'Europe' }, update: {} });
    const network = await createNetwork(db, { managerIds: [manager.id] });
    const city = await createCity(db, { networkIds: [network.id], members: [
      { userId: focal.id, role: 'focal_point' }, { userId: actor.id, role: 'focal_point' }, { userId: practitioner.id, role: 'practitioner' },
    ] });
    await db.notificationPreference.create({ data: { userId: emailOnly.id, email: 'instant', types: { 'practice.published': { inApp: false } } } });
    const e = (key: string, p: Partial<JobPayload<'notification.fanout'>>): JobPayload<'notification.fanout'> => ({ ...event('', key), ...p } as JobPayload<'notification.fanout'>);
    const batch = [
      e('mix-request', { type: 'membership.requested', actorId: actor.id, recipients: [{ kind: 'city_focal_points', cityId: city.id }, { kind: 'city_network_managers', cityId: city.id }] }),
      e('mix-published', { actorId: practitioner.id, recipients: [{ kind: 'city_members', cityId: city.id }, { kind: 'user', userId: emailOnly.id }] }),
      e('mix-accepted', { type: 'twinning.accepted', recipients: [{ kind: 'network_managers', networkId: network.id }, { kind: 'user', userId: direct.id }, { kind: 'user', userId: manager.id }] }),
      e('mix-nobody', { recipients: [{ kind: 'user', userId: 'no-such-user' }, { kind: 'city_members', cityId: 'no-such-city' }] }),
    ];
    const pushed: Parameters<typeof fanoutDeps>[0] = [];
    await processors['notification.fanout'](batch, fanoutDeps(pushed), { jobId: 'mix', attempt: 1 });

    const rows = await db.notification.findMany({ where: { dedupeKey: { startsWith: 'mix-' } } });
    const got = rows.map((r) => [r.dedupeKey, r.userId, (r.payload as { reason: string }).reason, r.emailMode, r.inApp].join(' ')).sort();
    expect(got).toEqual([
      `mix-accepted ${direct.id} user instant true`,
      `mix-accepted ${manager.id} network_managers instant true`,
      `mix-published ${actor.id} city_members digest true`,
      `mix-published ${emailOnly.id} user instant false`,
      `mix-published ${focal.id} city_members digest true`,
      `mix-request ${focal.id} city_focal_points digest true`,
      `mix-request ${manager.id} city_network_managers digest true`,
    ].sort());
    // pushed: every in-app row, to its user, as the API presents it
    expect(pushed.map((p) => `${p.notification.id} ${p.userId}`).sort()).toEqual(rows.filter((r) => r.inApp).map((r) => `${r.id} ${r.userId}`).sort());
    expect(pushed.find((p) => p.userId === direct.id)!.notification.payload).toMatchObject({ reason: 'user', subject: { kind: 'practice', id: 'p1' }, url: '/practices/p1' });
    const mails = await db.outboxEvent.findMany({ where: { job: 'notification.email', jobId: { in: rows.map((r) => jobIdFor('notification.email', r.id)) } } });
    expect(mails.map((m) => (m.payload as { notificationId: string }).notificationId).sort()).toEqual(rows.filter((r) => r.emailMode === 'instant').map((r) => r.id).sort());
  });

  it('writes and pushes the good events of a batch with a bad one, then fails the job naming it', async () => {
    const [a, b] = [await createUser(db), await createUser(db)];
    const pushed: Parameters<typeof fanoutDeps>[0] = [];
    const run = processors['notification.fanout']([
      event(a.id, 'group-good-1'),
      // PostgreSQL refuses U+0000 in jsonb: this one fails, in the batch and on its own
      event(b.id, 'group-bad', { title: 'a\u0000b' }),
      event(b.id, 'group-good-2'),
    ], fanoutDeps(pushed), { jobId: 'bad', attempt: 1 });
    await expect(run).rejects.toThrow(/1 of 3 events not written \(group-bad\)/);
    expect((await db.notification.findMany({ where: { dedupeKey: { startsWith: 'group-' } } })).map((n) => n.dedupeKey).sort()).toEqual(['group-good-1', 'group-good-2']);
    expect(pushed.map((p) => p.userId).sort()).toEqual([a.id, b.id].sort());
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
      // a job of the shape before batching (one bare event), left in Redis across a deploy, still runs
      await workers.queues['notification.fanout'].add('notification.fanout', event(user.id, 'legacy-1'), { jobId: 'legacy-1' });
      const job = (await workers.queues['notification.fanout'].getJob('legacy-1'))!;
      for (let i = 0; i < 200 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await job.isCompleted()).toBe(true);
      expect(await db.notification.count({ where: { userId: user.id, dedupeKey: 'legacy-1' } })).toBe(1);
    } finally {
      await workers.stop();
    }
  });
});
