import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageListResponse, messageSchema, readResponse, threadListResponse, threadSchema } from '../../../server/contract/threads.ts';
import { createCity } from '../../factories/cities.ts';
import { createThreadCast } from '../../factories/threads.ts';
import { createSignedInUser } from '../../factories/users.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';

let app: TestApp;
let cast: Awaited<ReturnType<typeof createThreadCast>>;
let threadId: string;

beforeAll(async () => {
  app = await startTestApp({ label: 'threads', env: { RATE_LIMIT_MESSAGES_PER_MINUTE: '10000' } });
  cast = await createThreadCast(app.db, app.baseUrl);
});
afterAll(async () => {
  await app?.stop();
});

const ana = () => cast.aMembers[0].client;
const ana2 = () => cast.aMembers[1].client;
const bruno = () => cast.bMembers[0].client;
const counts = async () => ({
  messages: await app.db.message.count(),
  threads: await app.db.thread.count(),
  outbox: await app.db.outboxEvent.count(),
});

describe('threads over HTTP', () => {
  it('creates a thread: the creator\'s city takes part, the other city is notified through the outbox', async () => {
    const res = await ana().post('/api/threads', { title: '  Welcome desks  ', cityIds: [cast.cityB.id], route: 'central-mediterranean' });
    expect(res.status).toBe(201);
    const thread = threadSchema.parse(res.body);
    threadId = thread.id;
    expect(thread.title).toBe('Welcome desks');
    expect(thread.cities.map((c) => c.id)).toEqual([cast.cityA.id, cast.cityB.id]);
    expect(thread.route).toBe('central-mediterranean');
    expect(thread.lastSeq).toBe(0);
    expect(thread.participants.map((p) => p.id).sort()).toEqual([...cast.aMembers, ...cast.bMembers].map((m) => m.user.id).sort());
    expect(thread.can).toEqual({ post: true, moderate: false, invite: true });
    const event = await app.db.outboxEvent.findFirstOrThrow({ where: { job: 'notification.fanout', jobId: { contains: thread.id } } });
    expect(event.payload).toMatchObject({
      type: 'thread.invited', recipients: [{ kind: 'city_members', cityId: cast.cityB.id }], subject: { kind: 'thread', id: thread.id },
      data: { title: 'Welcome desks', actorName: cast.aMembers[0].user.name },
    });
  });

  it('posts messages with seqs 1, 2, 3, Markdown rendered and sanitised', async () => {
    const first = await ana().post(`/api/threads/${threadId}/messages`, { body: 'Hello **Lyon** <script>alert(1)</script> [x](javascript:alert(1))' });
    expect(first.status).toBe(201);
    const m = messageSchema.parse(first.body);
    expect(m.seq).toBe(1);
    expect(m.bodyHtml).toContain('<strong>Lyon</strong>');
    expect(m.bodyHtml).not.toMatch(/script|javascript/);
    expect(m.author.id).toBe(cast.aMembers[0].user.id);
    expect((await bruno().post(`/api/threads/${threadId}/messages`, { body: 'Bonjour Palermo' })).body.seq).toBe(2);
    expect((await ana2().post(`/api/threads/${threadId}/messages`, { body: 'Third' })).body.seq).toBe(3);
  });

  it('pages messages newest first with before, oldest first with after', async () => {
    const newest = await bruno().get(`/api/threads/${threadId}/messages?limit=2`);
    expect(newest.status).toBe(200);
    const page = messageListResponse.parse(newest.body);
    expect(page.items.map((x) => x.seq)).toEqual([3, 2]);
    expect(page.nextSeq).toBe(2);
    expect(page.lastSeq).toBe(3);
    const older = messageListResponse.parse((await bruno().get(`/api/threads/${threadId}/messages?before=2&limit=2`)).body);
    expect(older.items.map((x) => x.seq)).toEqual([1]);
    expect(older.nextSeq).toBeNull();
    const after = messageListResponse.parse((await bruno().get(`/api/threads/${threadId}/messages?after=1`)).body);
    expect(after.items.map((x) => x.seq)).toEqual([2, 3]);
  });

  it('counts unread per thread and in total; reading through a seq moves them; seen-by per city', async () => {
    // bruno wrote seq 2, which reads him through 2: only 3 is unread
    let list = threadListResponse.parse((await bruno().get('/api/threads')).body);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: threadId, lastSeq: 3, lastReadSeq: 2, unreadCount: 1 });
    expect(list.items[0].lastMessage?.seq).toBe(3);
    expect(list.unreadTotal).toBe(1);
    const read = await bruno().post(`/api/threads/${threadId}/read`, { seq: 3 });
    expect(read.status).toBe(200);
    expect(readResponse.parse(read.body)).toEqual({ lastReadSeq: 3, unreadCount: 0 });
    // a late, lower read never un-reads
    expect((await bruno().post(`/api/threads/${threadId}/read`, { seq: 1 })).body).toEqual({ lastReadSeq: 3, unreadCount: 0 });
    // beyond the last seq is clamped
    expect((await bruno().post(`/api/threads/${threadId}/read`, { seq: 99 })).body.lastReadSeq).toBe(3);
    list = threadListResponse.parse((await bruno().get('/api/threads')).body);
    expect(list.unreadTotal).toBe(0);
    const anaList = threadListResponse.parse((await ana().get('/api/threads')).body);
    expect(anaList.items[0]).toMatchObject({ lastReadSeq: 1, unreadCount: 2 });
    const thread = threadSchema.parse((await ana().get(`/api/threads/${threadId}`)).body);
    expect(thread.seenBy).toEqual([{ cityId: cast.cityA.id, seq: 3 }, { cityId: cast.cityB.id, seq: 3 }]);
  });

  it('edits (author only: editedAt) and deletes (author or a manager: a tombstone keeps its seq)', async () => {
    const [m1] = (await ana().get(`/api/threads/${threadId}/messages?after=0&limit=1`)).body.items;
    const before = await counts();
    const notMine = await bruno().patch(`/api/threads/${threadId}/messages/${m1.id}`, { body: 'hijack' });
    expect(notMine.status).toBe(403);
    expect((await cast.manager.client.patch(`/api/threads/${threadId}/messages/${m1.id}`, { body: 'hijack' })).status).toBe(403);
    expect((await bruno().delete(`/api/threads/${threadId}/messages/${m1.id}`)).status).toBe(403);
    expect((await app.db.message.findUniqueOrThrow({ where: { id: m1.id } })).body).toContain('Hello');

    const edited = await ana().patch(`/api/threads/${threadId}/messages/${m1.id}`, { body: 'Hello *again*' });
    expect(edited.status).toBe(200);
    expect(messageSchema.parse(edited.body)).toMatchObject({ seq: 1, body: 'Hello *again*', bodyHtml: '<p>Hello <em>again</em></p>' });
    expect(edited.body.editedAt).not.toBeNull();

    const m3 = (await ana().get(`/api/threads/${threadId}/messages?after=2`)).body.items[0];
    const byManager = await cast.manager.client.delete(`/api/threads/${threadId}/messages/${m3.id}`);
    expect(byManager.status).toBe(200);
    expect(messageSchema.parse(byManager.body)).toMatchObject({ seq: 3, body: '', bodyHtml: '', deletedAt: expect.any(String) });
    const byAuthor = await ana().delete(`/api/threads/${threadId}/messages/${m1.id}`);
    expect(byAuthor.body).toMatchObject({ seq: 1, body: '', deletedAt: expect.any(String) });
    expect((await ana().patch(`/api/threads/${threadId}/messages/${m1.id}`, { body: 'back' })).status).toBe(409);
    const all = (await bruno().get(`/api/threads/${threadId}/messages?after=0`)).body.items as { seq: number; body: string; deletedAt: string | null }[];
    expect(all.map((x) => [x.seq, x.deletedAt !== null])).toEqual([[1, true], [2, false], [3, true]]);
    expect(await counts()).toEqual(before);
    // deleted messages are not unread
    expect((await ana().get('/api/threads')).body.items[0].unreadCount).toBe(1);
  });

  it('lets managers of the cities\' networks read and moderate but not post; outsiders get 404 everywhere', async () => {
    const mgr = cast.manager.client;
    const seen = threadSchema.parse((await mgr.get(`/api/threads/${threadId}`)).body);
    expect(seen.can).toEqual({ post: false, moderate: true, invite: true });
    expect((await mgr.get(`/api/threads/${threadId}/messages`)).status).toBe(200);
    expect((await mgr.post(`/api/threads/${threadId}/messages`, { body: 'from the network' })).status).toBe(403);

    const out = cast.outsider.client;
    const before = await counts();
    expect((await out.get(`/api/threads/${threadId}`)).status).toBe(404);
    expect((await out.get(`/api/threads/${threadId}/messages`)).status).toBe(404);
    expect((await out.post(`/api/threads/${threadId}/messages`, { body: 'hi' })).status).toBe(404);
    expect((await out.post(`/api/threads/${threadId}/read`, { seq: 1 })).status).toBe(404);
    expect((await out.post(`/api/threads/${threadId}/cities`, { cityId: cast.cityA.id })).status).toBe(404);
    expect((await out.get('/api/threads')).body.items).toEqual([]);
    expect((await out.post('/api/threads', { title: 'x', cityIds: [cast.cityA.id] })).status).toBe(403);
    expect((await createClient(app.baseUrl).get('/api/threads')).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('refuses empty, oversized and NUL-bearing input with 400 and writes nothing', async () => {
    const before = await counts();
    const bad = [
      { body: '' }, { body: '   \n ' }, { body: 'x'.repeat(10_001) }, { body: 'a\u0000b' }, {}, { body: 42 },
      { body: 'ok', mentions: ['a\u0000'] }, { body: 'ok', extra: true },
    ];
    for (const body of bad) {
      const res = await ana().post(`/api/threads/${threadId}/messages`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await ana().post(`/api/threads/${threadId}/messages`, { body: 'x'.repeat(10_000) })).status).toBe(201);
    const after = await counts();
    expect(after.messages).toBe(before.messages + 1);

    const m = (await ana().get(`/api/threads/${threadId}/messages?limit=1`)).body.items[0];
    expect((await ana().patch(`/api/threads/${threadId}/messages/${m.id}`, { body: '\u0000' })).status).toBe(400);
    expect((await ana().get(`/api/threads/${threadId}/messages?after=-1`)).status).toBe(400);
    expect((await ana().get(`/api/threads/${threadId}/messages?after=1&before=3`)).status).toBe(400);
    expect((await ana().post(`/api/threads/${threadId}/read`, { seq: 'x' })).status).toBe(400);
    expect((await ana().get('/api/threads/a%00b')).status).toBe(400);
    expect((await ana().post('/api/threads', { title: 'a\u0000', cityIds: [cast.cityB.id] })).status).toBe(400);
    expect((await ana().post('/api/threads', { title: '', cityIds: [cast.cityB.id] })).status).toBe(400);
    expect((await ana().post('/api/threads', { title: 'x', cityIds: [] })).status).toBe(400);
    expect((await ana().post('/api/threads', { title: 'x', cityIds: ['nope'] })).status).toBe(400);
    expect((await ana().post('/api/threads', { title: 'x', cityIds: [cast.cityB.id], route: 'no-such-route' })).status).toBe(400);
    expect((await ana().post('/api/threads', { title: 'x', cityIds: [cast.cityB.id], fromCityId: cast.cityB.id })).status).toBe(403);
    expect((await ana().post(`/api/threads/${threadId}/messages`, '{"body":')).status).toBe(400);
    expect((await counts()).threads).toBe(before.threads);
  });

  it('turns mentions of participants (only) into one thread.mentioned outbox row', async () => {
    const res = await ana().post(`/api/threads/${threadId}/messages`, {
      body: 'What do you think, Bruno?', mentions: [cast.bMembers[0].user.id, cast.outsider.user.id, cast.aMembers[0].user.id],
    });
    expect(res.status).toBe(201);
    expect(res.body.mentions).toEqual([cast.bMembers[0].user.id]);
    const rows = await app.db.outboxEvent.findMany({ where: { jobId: { contains: res.body.id } } });
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({
      type: 'thread.mentioned', actorId: cast.aMembers[0].user.id, subject: { kind: 'thread', id: threadId },
      recipients: [{ kind: 'user', userId: cast.bMembers[0].user.id }], data: { threadId, seq: res.body.seq },
    });
    // mentioning nobody who takes part writes no event
    const none = await ana().post(`/api/threads/${threadId}/messages`, { body: 'x', mentions: [cast.outsider.user.id] });
    expect(await app.db.outboxEvent.count({ where: { jobId: { contains: none.body.id } } })).toBe(0);
  });

  it('invites a city: its members take part and get a thread.invited event; twice is 409', async () => {
    const carla = await createSignedInUser(app.db, app.baseUrl, { name: 'Carla' });
    const cityC = await createCity(app.db, { name: 'Tunis', countryCode: 'TN', members: [{ userId: carla.user.id, role: 'focal_point' }] });
    expect((await carla.client.get(`/api/threads/${threadId}`)).status).toBe(404);
    const res = await bruno().post(`/api/threads/${threadId}/cities`, { cityId: cityC.id });
    expect(res.status).toBe(200);
    expect(threadSchema.parse(res.body).cities.map((c) => c.id)).toContain(cityC.id);
    const event = await app.db.outboxEvent.findFirstOrThrow({ where: { jobId: { contains: `invited-${cityC.id}` } } });
    expect(event.payload).toMatchObject({ type: 'thread.invited', recipients: [{ kind: 'city_members', cityId: cityC.id }], data: { title: 'Welcome desks', actorName: cast.bMembers[0].user.name } });
    expect((await carla.client.get(`/api/threads/${threadId}`)).status).toBe(200);
    expect((await carla.client.post(`/api/threads/${threadId}/messages`, { body: 'Salam' })).status).toBe(201);
    expect((await bruno().post(`/api/threads/${threadId}/cities`, { cityId: cityC.id })).status).toBe(409);
    expect((await bruno().post(`/api/threads/${threadId}/cities`, { cityId: 'nope' })).status).toBe(400);
  });

  it('opens the one direct thread between two cities, whoever asks first, and finds it with ?withCity=', async () => {
    const [x, y] = await Promise.all([
      ana().post('/api/threads/direct', { cityId: cast.cityB.id }),
      bruno().post('/api/threads/direct', { cityId: cast.cityA.id }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    expect(threadSchema.parse(x.body).id).toBe(y.body.id);
    expect(x.body.title).toMatch(/Palermo|Lyon/);
    const again = await ana2().post('/api/threads/direct', { cityId: cast.cityB.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(x.body.id);
    const found = threadListResponse.parse((await ana().get(`/api/threads?withCity=${cast.cityB.id}`)).body);
    expect(found.items.map((t) => t.id)).toContain(x.body.id);
    expect((await ana().post('/api/threads/direct', { cityId: cast.cityA.id })).status).toBe(400);
    expect((await cast.outsider.client.post('/api/threads/direct', { cityId: cast.cityA.id })).status).toBe(403);
  });

  it('accepts a thread row written by another feature with only the original columns (twinnings)', async () => {
    const t = await app.db.thread.create({
      data: { title: 'Twinning Palermo–Lyon', createdById: cast.aMembers[0].user.id, cities: { create: [{ cityId: cast.cityA.id }, { cityId: cast.cityB.id }] } },
    });
    expect(t.lastSeq).toBe(0);
    const res = await bruno().post(`/api/threads/${t.id}/messages`, { body: 'First in the twinning' });
    expect(res.body.seq).toBe(1);
  });
});
