import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationListResponse, notificationPreferencesSchema, readAllResponse, unsubscribeResponse } from '../../../server/contract/notifications.ts';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import type { JobPayload } from '../../../server/jobs/jobs.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser } from '../../factories/users.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type TestClient } from '../../helpers/http.ts';
import { startSmtp, waitFor, type TestSmtp } from '../../helpers/smtp.ts';

/**
 * Notifications end to end on real PostgreSQL, Redis, socket.io and SMTP: the practice review producer,
 * the in-app API, each channel per preference and locale, the e-mail's unsubscribe and reason.
 */
let app: TestApp;
let smtp: TestSmtp;
let workers: Awaited<ReturnType<TestApp['startWorkers']>>;
const sockets: Socket[] = [];
type Person = { user: { id: string; email: string }; client: TestClient & { token: string } };
let author: Person, manager: Person, managerFr: Person, outsider: Person;
let cityId: string;
const outbox = createOutbox();

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({ label: 'notif_delivery', env: { SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '100', PUBLIC_URL: 'https://charter.example.org' } });
  workers = await app.startWorkers();
  [author, manager, managerFr, outsider] = await Promise.all([0, 1, 2, 3].map(() => createSignedInUser(app.db, app.baseUrl)));
  await app.db.user.update({ where: { id: managerFr.user.id }, data: { locale: 'fr' } });
  const network = await createNetwork(app.db, { managerIds: [manager.user.id, managerFr.user.id] });
  cityId = (await createCity(app.db, { name: 'Palermo', countryCode: 'IT', networkIds: [network.id], members: [{ userId: author.user.id, role: 'practitioner' }] })).id;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app?.stop();
  await smtp?.stop();
});

const socketOf = async (p: Person) => {
  const s = connect(`http://127.0.0.1:${app.port}`, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token: p.client.token } });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => { s.once('connect', () => resolve()); s.once('connect_error', reject); });
  return s;
};
const list = async (p: Person, query = '') => {
  const res = await p.client.get(`/api/notifications${query}`);
  expect(res.status).toBe(200);
  return notificationListResponse.parse(res.body);
};
const mailsTo = (email: string) => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(email));
const event = (p: Partial<JobPayload<'notification.fanout'>> & { eventKey: string; userId: string }): JobPayload<'notification.fanout'> => ({
  type: p.type ?? 'twinning.accepted', eventKey: p.eventKey, actorId: p.actorId ?? null, subject: p.subject ?? { kind: 'twinning', id: `tw-${p.eventKey}` },
  recipients: [{ kind: 'user', userId: p.userId }], data: p.data ?? { title: 'Palermo – Tunis', actorName: 'Ana' },
});
const emit = (e: JobPayload<'notification.fanout'>) => outbox.add(app.db, { job: 'notification.fanout', key: e.eventKey, payload: e });

describe('the practice review workflow', () => {
  let practiceId: string;

  it('tells the city\'s reviewers when a practice is submitted (live on their socket), not the author who did it', async () => {
    const live = await socketOf(manager);
    const pushed = new Promise<{ notification: { id: string; type: string; payload: { url: string } } }>((resolve) => live.once('notification:new', resolve));
    const created = await author.client.post('/api/practices', practiceInput(cityId, { title: 'Community kitchen' }));
    practiceId = created.body.id;
    expect((await author.client.post(`/api/practices/${practiceId}/submit`, {})).status).toBe(200);

    const { notification } = await pushed;
    expect(notification).toMatchObject({ type: 'practice.submitted', payload: { url: `/practices/${practiceId}`, subject: { kind: 'practice', id: practiceId }, reason: 'city_network_managers', title: 'Community kitchen' } });
    const page = await list(manager);
    expect(page.items.map((n) => n.id)).toEqual([notification.id]);
    expect(page.unreadCount).toBe(1);
    await waitFor('the French reviewer\'s notification', async () => (await list(managerFr)).items.length === 1);
    expect((await list(author)).items).toEqual([]);
    // practice.submitted is not a decision addressed to them: it waits for the daily digest, no instant mail
    const rows = await app.db.notification.findMany({ where: { dedupeKey: { contains: practiceId } } });
    expect(rows.map((r) => r.emailMode)).toEqual(['digest', 'digest']);
  });

  it('returns to the author with an instant e-mail in the author\'s language saying why, with one-click unsubscribe', async () => {
    await app.db.user.update({ where: { id: author.user.id }, data: { locale: 'es' } });
    expect((await manager.client.post(`/api/practices/${practiceId}/return`, { note: 'Add the budget' })).status).toBe(200);
    const [mail] = await waitFor('the author\'s e-mail', () => (mailsTo(author.user.email).length ? mailsTo(author.user.email) : null));
    expect(mail.subject).toBe('Su práctica «Community kitchen» le fue devuelta para cambios');
    expect(mail.text).toContain('Recibe este mensaje porque le concierne directamente.');
    expect(mail.text).toContain(`https://charter.example.org/practices/${practiceId}`);
    expect(mail.html).toContain(`href="https://charter.example.org/practices/${practiceId}"`);
    expect(mail.header('X-Charter-Notification-Reason')).toBe('user');
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.header('List-Unsubscribe')).toMatch(/^<https:\/\/charter\.example\.org\/api\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
    const n = (await list(author)).items[0];
    expect(n).toMatchObject({ type: 'practice.returned', payload: { reason: 'user', url: `/practices/${practiceId}` } });
    expect(mail.messageIdHeader).toBe(`<notification.${n.id}@charter.example.org>`);
    const row = await app.db.notification.findUniqueOrThrow({ where: { id: n.id } });
    expect(row.emailedAt).not.toBeNull();
  });
});

describe('the in-app list', () => {
  it('pages with a cursor, counts unread, reads one and all; nobody reads another\'s', async () => {
    const who = await createSignedInUser(app.db, app.baseUrl);
    for (let i = 0; i < 5; i++) await emit(event({ eventKey: `list-${i}`, userId: who.user.id, type: 'practice.published', subject: { kind: 'practice', id: `p${i}` } }));
    await waitFor('5 notifications', async () => (await list(who)).items.length === 5);
    const first = await list(who, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.unreadCount).toBe(5);
    const second = await list(who, `?limit=2&cursor=${first.nextCursor}`);
    const third = await list(who, `?limit=2&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((n) => n.id);
    expect(new Set(ids).size).toBe(5);

    expect((await outsider.client.post(`/api/notifications/${ids[0]}/read`)).status).toBe(404);
    const read = await who.client.post(`/api/notifications/${ids[0]}/read`);
    expect(read.status).toBe(200);
    expect(read.body.unreadCount).toBe(4);
    expect((await list(who, '?unread=true')).items.map((n) => n.id)).not.toContain(ids[0]);
    const all = await who.client.post('/api/notifications/read-all');
    expect(readAllResponse.parse(all.body)).toEqual({ updated: 4, unreadCount: 0 });
    expect((await list(who, '?unread=true')).items).toEqual([]);
    expect((await createClient(app.baseUrl).get('/api/notifications')).status).toBe(401);
    expect((await who.client.get('/api/notifications?cursor=nope')).status).toBe(400);
  });

  it('makes one notification per recipient and event however often the event is replayed', async () => {
    const who = await createSignedInUser(app.db, app.baseUrl);
    const e = event({ eventKey: 'replayed-1', userId: who.user.id });
    await emit(e);
    await waitFor('the notification', async () => (await list(who)).items.length === 1);
    // the same event again under other outbox keys: a producer's retry, a relay replay
    await outbox.add(app.db, { job: 'notification.fanout', key: 'replayed-1-again', payload: e });
    await outbox.add(app.db, { job: 'notification.fanout', key: 'replayed-1-third', payload: e });
    await waitFor('the replays processed', async () => (await app.db.outboxEvent.count({ where: { jobId: { contains: 'replayed-1' }, dispatchedAt: null } })) === 0);
    await waitFor('the replay jobs done', async () => (await workers.queues['notification.fanout'].getJobCounts('active', 'wait')).wait === 0);
    await waitFor('its e-mail', () => mailsTo(who.user.email).length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await list(who)).items).toHaveLength(1);
    expect(mailsTo(who.user.email)).toHaveLength(1);
  });
});

describe('preferences', () => {
  it('shows defaults that do not flood, validates time zones, and merges per-type switches', async () => {
    const who = await createSignedInUser(app.db, app.baseUrl);
    const got = notificationPreferencesSchema.parse((await who.client.get('/api/me/notification-preferences')).body);
    expect(got.email).toBe('daily');
    expect(got.timezone).toBe('UTC');
    expect(got.instantTypes).toContain('twinning.requested');
    expect(got.types['practice.submitted']).toEqual({ inApp: true, email: true });
    expect((await who.client.put('/api/me/notification-preferences', { timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await who.client.put('/api/me/notification-preferences', { email: 'hourly' })).status).toBe(400);
    const put = await who.client.put('/api/me/notification-preferences', { timezone: 'Europe/Rome', types: { 'thread.mentioned': { email: false } } });
    expect(put.status).toBe(200);
    const saved = notificationPreferencesSchema.parse(put.body);
    expect(saved).toMatchObject({ email: 'daily', timezone: 'Europe/Rome', types: { 'thread.mentioned': { inApp: true, email: false } } });
    const again = await who.client.put('/api/me/notification-preferences', { email: 'weekly', types: { 'thread.mentioned': { inApp: false } } });
    expect(again.body.types['thread.mentioned']).toEqual({ inApp: false, email: false });
    expect(again.body.timezone).toBe('Europe/Rome');
  });

  it('delivers each channel per preference: in-app off but e-mail on; instant cadence; e-mail off', async () => {
    const [emailOnly, instant, silent] = await Promise.all([0, 1, 2].map(() => createSignedInUser(app.db, app.baseUrl)));
    await emailOnly.client.put('/api/me/notification-preferences', { types: { 'twinning.accepted': { inApp: false } } });
    await instant.client.put('/api/me/notification-preferences', { email: 'instant' });
    await silent.client.put('/api/me/notification-preferences', { email: 'off' });
    await emit(event({ eventKey: 'pref-1', userId: emailOnly.user.id }));
    await emit(event({ eventKey: 'pref-2', userId: instant.user.id, type: 'practice.published', subject: { kind: 'practice', id: 'pp' } }));
    await emit(event({ eventKey: 'pref-3', userId: silent.user.id }));
    await waitFor('the e-mail-only mail', () => mailsTo(emailOnly.user.email).length === 1);
    await waitFor('the instant-cadence mail', () => mailsTo(instant.user.email).length === 1);
    await waitFor('the silent user\'s in-app notification', async () => (await list(silent)).items.length === 1);
    expect((await list(emailOnly)).items).toEqual([]);
    expect((await list(instant)).items).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(silent.user.email)).toEqual([]);
  });
});

describe('one-click unsubscribe', () => {
  it('turns that type\'s e-mail off through the List-Unsubscribe URL, without signing in; forged tokens are refused', async () => {
    const who = await createSignedInUser(app.db, app.baseUrl);
    await emit(event({ eventKey: 'unsub-1', userId: who.user.id }));
    const [mail] = await waitFor('the mail', () => (mailsTo(who.user.email).length ? mailsTo(who.user.email) : null));
    const url = new URL(mail.header('List-Unsubscribe')!.slice(1, -1));
    const token = url.searchParams.get('token')!;
    const anonymous = createClient(app.baseUrl);
    expect(unsubscribeResponse.parse((await anonymous.get(`/api/unsubscribe?token=${token}`)).body)).toEqual({ type: 'twinning.accepted', unsubscribed: false });
    // what a mail provider sends (RFC 8058): a form POST of List-Unsubscribe=One-Click
    const res = await fetch(`${app.baseUrl}${url.pathname}${url.search}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 'twinning.accepted', unsubscribed: true });
    const prefs = (await who.client.get('/api/me/notification-preferences')).body;
    expect(prefs.types['twinning.accepted']).toEqual({ inApp: true, email: false });
    expect(prefs.types['twinning.declined']).toEqual({ inApp: true, email: true });

    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect((await anonymous.post(`/api/unsubscribe?token=${forged}`)).status).toBe(400);
    await emit(event({ eventKey: 'unsub-2', userId: who.user.id }));
    await waitFor('the second notification in-app', async () => (await list(who)).items.length === 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(who.user.email)).toHaveLength(1);
  });
});

describe('the job dashboard', () => {
  it('is for platform admins only: anonymous 401, others 403', async () => {
    const admin = await createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true });
    expect((await fetch(`${app.baseUrl}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/admin/queues`, { headers: { authorization: `Bearer ${outsider.client.token}` } })).status).toBe(403);
    const ok = await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${admin.client.token}` } });
    expect(ok.status).toBe(200);
    const body = await ok.json() as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toContain('notification.email');
    expect((await fetch(`${app.baseUrl}/admin/queues`, { headers: { authorization: `Bearer ${admin.client.token}` } })).status).toBe(200);
  });
});
