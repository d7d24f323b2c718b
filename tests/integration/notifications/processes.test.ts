import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import type { JobPayload } from '../../../server/jobs/jobs.ts';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser, createUser } from '../../factories/users.ts';
import { startTestApp, testEnv } from '../../helpers/app.ts';
import { spawnWorker, startOwnRedis } from '../../helpers/processes.ts';
import { deleteKeysWithPrefix } from '../../helpers/redis-cleanup.ts';
import { startSmtp, waitFor } from '../../helpers/smtp.ts';
import { createTestDatabase } from '../../helpers/test-db.ts';

/**
 * Reliability with real processes: the worker runs as its own process (`node --import tsx workers/main.ts`,
 * what `npm run start:worker` runs), is killed with SIGKILL or stopped with SIGTERM; Redis is this test's
 * own redis-server, stopped and started again; mail goes to a real SMTP server.
 */
const outbox = createOutbox();
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const workerEnv = (databaseUrl: string, extra: Record<string, string>) => {
  const env = testEnv(databaseUrl);
  return {
    NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: env.QUEUE_PREFIX,
    OUTBOX_POLL_MS: '50', JOB_LOCK_MS: '3000', MAIL_BACKOFF_MS: '200', MAIL_ATTEMPTS: '15', ...extra,
  };
};

async function setup(label: string) {
  const database = await createTestDatabase(label);
  const db = createDb(database.url, { max: 4 });
  cleanups.push(async () => { await db.$disconnect(); await database.drop(); });
  return { database, db };
}

/** 10 cities × 5 members; 200 events, each to one city's members: 1,000 notifications, 500 of them e-mailed at once. */
async function produce(db: Db) {
  const cities: { id: string; members: string[] }[] = [];
  // a bare migrated database: the one country the cities need
  await db.country.create({ data: { code: 'ES', names: { en: 'Spain', fr: 'Espagne', es: 'España' }, region: 'Europe' } });
  for (let c = 0; c < 10; c++) {
    const members = await Promise.all([0, 1, 2, 3, 4].map(() => createUser(db)));
    const city = await createCity(db, { members: members.map((m) => ({ userId: m.id, role: 'practitioner' as const })) });
    cities.push({ id: city.id, members: members.map((m) => m.id) });
  }
  const events: JobPayload<'notification.fanout'>[] = [];
  for (let i = 0; i < 200; i++) {
    const city = cities[i % 10];
    events.push({
      // a decision (instant e-mail by default) or an update (digest)
      type: i % 2 === 0 ? 'twinning.accepted' : 'practice.published',
      eventKey: `bulk-${i}`, actorId: null, subject: { kind: 'city', id: city.id }, recipients: [{ kind: 'city_members', cityId: city.id }], data: { title: `event ${i}` },
    });
  }
  await outbox.addMany(db, events.map((e) => ({ job: 'notification.fanout' as const, key: e.eventKey, payload: e })));
  return { cities, events };
}

describe('the worker killed with SIGKILL while 1,000 notifications are in flight', () => {
  it('ends, once started again, with exactly the notifications each recipient should have and every e-mail sent', async () => {
    const { database, db } = await setup('notif_kill');
    const smtp = await startSmtp();
    cleanups.push(() => smtp.stop());
    const env = workerEnv(database.url, { SMTP_URL: smtp.url });
    cleanups.push(() => deleteKeysWithPrefix(env.REDIS_URL, env.QUEUE_PREFIX));
    const { cities } = await produce(db);

    const first = spawnWorker(env);
    await waitFor('the first notifications', async () => (await db.notification.count()) > 0, 60_000, 10);
    await first.kill9();
    const atKill = { notifications: await db.notification.count(), mails: smtp.messages.length };
    expect(atKill.notifications < 1000 || atKill.mails < 500, JSON.stringify(atKill)).toBe(true);

    // a second crash, in the middle of sending the e-mails
    const middle = spawnWorker(env);
    await waitFor('100 e-mails', () => smtp.messages.length >= 100, 120_000, 5);
    await middle.kill9();
    const atSecondKill = { notifications: await db.notification.count(), mails: smtp.messages.length };
    expect(atSecondKill.mails).toBeLessThan(500);

    const second = spawnWorker(env);
    cleanups.push(() => second.stop());
    await waitFor('1,000 notifications', async () => (await db.notification.count()) === 1000, 120_000, 200);
    const instantIds = (await db.notification.findMany({ where: { emailMode: 'instant' }, select: { id: true } })).map((n) => n.id);
    expect(instantIds).toHaveLength(500);
    await waitFor('500 distinct e-mails', () => new Set(smtp.messages.map((m) => m.messageIdHeader)).size === 500, 180_000, 200);
    await waitFor('every instant notification marked e-mailed', async () => (await db.notification.count({ where: { emailMode: 'instant', emailedAt: null } })) === 0, 30_000);

    for (const city of cities) {
      for (const userId of city.members) {
        const rows = await db.notification.findMany({ where: { userId }, select: { dedupeKey: true } });
        const expected = Array.from({ length: 20 }, (_, k) => `bulk-${(cities.indexOf(city)) + 10 * k}`).sort();
        expect(rows.map((r) => r.dedupeKey).sort()).toEqual(expected);
      }
    }
    const received = smtp.messages.map((m) => m.messageIdHeader);
    expect(new Set(received)).toEqual(new Set(instantIds.map((id) => `<notification.${id}@localhost>`)));
    // SMTP has no two-phase commit: a mail whose 250 arrived just before the kill and whose row was not
    // yet marked is sent again, under the same Message-ID. At most the jobs that were running.
    const duplicates = received.length - new Set(received).size;
    console.log(`kill -9 at ${JSON.stringify(atKill)} and ${JSON.stringify(atSecondKill)}; e-mails received ${received.length}, duplicates (same Message-ID) ${duplicates}`);
    expect(duplicates).toBeLessThanOrEqual(10);
    expect(await second.stop()).toBe(0);
  }, 400_000);
});

describe('the worker stopped with SIGTERM while mails are being sent', () => {
  it('lets in-flight jobs finish: nothing half-sent, nothing sent twice after a restart', async () => {
    const { database, db } = await setup('notif_term');
    const smtp = await startSmtp();
    cleanups.push(() => smtp.stop());
    const env = workerEnv(database.url, { SMTP_URL: smtp.url });
    cleanups.push(() => deleteKeysWithPrefix(env.REDIS_URL, env.QUEUE_PREFIX));
    const users = await Promise.all(Array.from({ length: 40 }, () => createUser(db)));
    await outbox.addMany(db, users.map((u, i) => ({
      job: 'notification.fanout' as const, key: `term-${i}`,
      payload: { type: 'twinning.requested' as const, eventKey: `term-${i}`, actorId: null, subject: { kind: 'twinning' as const, id: `t${i}` }, recipients: [{ kind: 'user' as const, userId: u.id }], data: {} },
    })));
    const first = spawnWorker(env);
    await waitFor('some mails', () => smtp.messages.length >= 3, 60_000, 5);
    expect(await first.stop()).toBe(0);
    // every mail the server accepted is recorded as sent: the stop did not cut a send in half
    const sent = await db.notification.count({ where: { emailedAt: { not: null } } });
    expect(sent).toBe(smtp.messages.length);

    const second = spawnWorker(env);
    cleanups.push(() => second.stop());
    await waitFor('40 mails', () => smtp.messages.length >= 40, 120_000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages).toHaveLength(40);
    expect(new Set(smtp.messages.map((m) => m.messageIdHeader)).size).toBe(40);
  }, 300_000);
});

describe('Redis stopped while a practice is published', () => {
  it('the request succeeds (the outbox holds the work); the notification and its e-mail go out once Redis is back', async () => {
    const redis = await startOwnRedis();
    cleanups.push(() => redis.stop());
    const smtp = await startSmtp();
    cleanups.push(() => smtp.stop());
    const app = await startTestApp({ label: 'notif_redis', env: { REDIS_URL: redis.url, SMTP_URL: smtp.url } });
    cleanups.push(() => app.stop());
    const env = workerEnv(app.database.url, { REDIS_URL: redis.url, QUEUE_PREFIX: app.env.QUEUE_PREFIX, SMTP_URL: smtp.url });
    const worker = spawnWorker(env);
    cleanups.push(() => worker.stop());

    const [author, manager] = [await createSignedInUser(app.db, app.baseUrl), await createSignedInUser(app.db, app.baseUrl)];
    await author.client.put('/api/me/notification-preferences', { email: 'instant' });
    const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
    const city = await createCity(app.db, { networkIds: [network.id], members: [{ userId: author.user.id, role: 'practitioner' }] });
    const practice = (await author.client.post('/api/practices', practiceInput(city.id, { title: 'Welcome desk' }))).body;
    expect((await author.client.post(`/api/practices/${practice.id}/submit`, {})).status).toBe(200);
    await waitFor('the reviewer\'s notification (Redis up)', () => app.db.notification.findFirst({ where: { userId: manager.user.id } }), 30_000);

    redis.stop();
    const published = await manager.client.post(`/api/practices/${practice.id}/publish`, {});
    expect(published.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await app.db.notification.count({ where: { userId: author.user.id } })).toBe(0);
    expect(await app.db.outboxEvent.count({ where: { job: 'notification.fanout', dispatchedAt: null } })).toBe(1);

    await startOwnRedis(redis.port);
    const n = await waitFor('the author\'s notification once Redis is back', () => app.db.notification.findFirst({ where: { userId: author.user.id } }), 60_000, 100);
    expect(n.type).toBe('practice.published');
    await waitFor('the author\'s e-mail', () => smtp.messages.some((m) => JSON.stringify(m.to).includes(author.user.email)), 60_000, 100);
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(author.user.email))).toHaveLength(1);
  }, 300_000);
});
