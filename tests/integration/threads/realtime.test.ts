import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageSchema, threadListResponse } from '../../../server/contract/threads.ts';
import { createLogger } from '../../../server/lib/logger.ts';
import { startApi } from '../../../server/main.ts';
import { createThreadCast } from '../../factories/threads.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { connected, createChatClient, emitAck, eventually, openSocket } from '../../helpers/thread-client.ts';

/** Two API nodes (same database, same Redis) and real socket.io clients on each. */
let app: TestApp;
let nodeB: Awaited<ReturnType<typeof startApi>> | undefined;
let portB: number;
let cast: Awaited<ReturnType<typeof createThreadCast>>;
const sockets: Socket[] = [];
const closers: (() => void)[] = [];

const startNodeB = async (port = 0) => {
  nodeB = await startApi({ env: { ...app.env, PORT: port }, logger: createLogger('silent'), databaseUrl: app.database.url, prepare: false });
  portB = nodeB.port;
};
const urlB = () => `http://127.0.0.1:${portB}`;
const open = (port: number, token?: string) => {
  const s = openSocket(port, token);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  app = await startTestApp({ label: 'threads_rt', env: { RATE_LIMIT_MESSAGES_PER_MINUTE: '100000' } });
  await startNodeB();
  cast = await createThreadCast(app.db, app.baseUrl, { membersPerCity: 3 });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of closers) c();
  await nodeB?.stop();
  await app?.stop();
});

async function newThread(title = 'Exchange') {
  const res = await cast.aMembers[0].client.post('/api/threads', { title, cityIds: [cast.cityB.id] });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const clientOnNodeB = (member: { client: { token: string } }) => {
  const base = urlB();
  return {
    post: (path: string, body: unknown) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${member.client.token}` }, body: JSON.stringify(body) }),
    get: (path: string) => fetch(base + path, { headers: { authorization: `Bearer ${member.client.token}` } }).then((r) => r.json()),
  };
};

describe('threads in real time across two API nodes', () => {
  it('delivers message:new and message:updated after commit to sockets on the other node', async () => {
    const threadId = await newThread();
    const anaSocket = open(app.port, cast.aMembers[0].client.token);
    const brunoSocket = open(portB, cast.bMembers[0].client.token);
    await Promise.all([connected(anaSocket), connected(brunoSocket)]);
    expect(await emitAck(anaSocket, 'thread:join', { threadId })).toEqual({ ok: true, lastSeq: 0 });
    expect(await emitAck(brunoSocket, 'thread:join', { threadId })).toEqual({ ok: true, lastSeq: 0 });

    const got = new Promise<{ threadId: string; message: unknown }>((resolve) => brunoSocket.once('message:new', resolve));
    const posted = await cast.aMembers[0].client.post(`/api/threads/${threadId}/messages`, { body: 'From node A' });
    const event = await got;
    expect(event.threadId).toBe(threadId);
    const message = messageSchema.parse(event.message);
    expect(message).toEqual(posted.body);
    expect(await app.db.message.count({ where: { id: message.id } })).toBe(1); // committed before it was announced

    const updated = new Promise<{ message: unknown }>((resolve) => anaSocket.once('message:updated', resolve));
    const edit = await fetch(`${urlB()}/api/threads/${threadId}/messages/${message.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${cast.aMembers[0].client.token}` }, body: JSON.stringify({ body: 'Edited on node B' }),
    });
    expect(edit.status).toBe(200);
    expect(messageSchema.parse((await updated).message)).toMatchObject({ seq: 1, body: 'Edited on node B', editedAt: expect.any(String) });
  });

  it('tells participants elsewhere with thread:activity, and sockets in the thread once, with message:new', async () => {
    const threadId = await newThread();
    const token = cast.bMembers[1].client.token;
    const inThread = open(portB, token); // the conversation open (joined)
    const elsewhere = open(app.port, token); // the same user's other tab (threads list, badge)
    await Promise.all([connected(inThread), connected(elsewhere)]);
    expect(await emitAck(inThread, 'thread:join', { threadId })).toMatchObject({ ok: true });
    const heard = { inThread: [] as string[], elsewhere: [] as string[] };
    for (const [name, s] of [['inThread', inThread], ['elsewhere', elsewhere]] as const) {
      for (const event of ['message:new', 'thread:activity']) s.on(event, (e: { threadId: string }) => { if (e.threadId === threadId) heard[name].push(event); });
    }
    const posted = await cast.aMembers[0].client.post(`/api/threads/${threadId}/messages`, { body: 'news' });
    expect(posted.status).toBe(201);
    await eventually(() => heard.inThread.length > 0 && heard.elsewhere.length > 0, 'both sockets told');
    await new Promise((r) => setTimeout(r, 300)); // anything more would have arrived by now
    expect(heard).toEqual({ inThread: ['message:new'], elsewhere: ['thread:activity'] });
  });

  it('enforces participation on the socket; malformed payloads get {ok:false} and the node keeps serving', async () => {
    const threadId = await newThread();
    const outsider = open(portB, cast.outsider.client.token);
    await connected(outsider);
    expect(await emitAck(outsider, 'thread:join', { threadId })).toEqual({ ok: false, error: 'not_found' });
    expect(await emitAck(outsider, 'thread:join', { threadId: 'nope' })).toEqual({ ok: false, error: 'not_found' });
    const leaked: unknown[] = [];
    outsider.on('message:new', (m) => leaked.push(m));
    for (const bad of [null, 42, 'x', [], {}, { threadId: 5 }, { threadId: '' }, { threadId: 'x'.repeat(1000) }, { threadId: 'a\u0000b' }, { threadId, extra: 1 }]) {
      expect(await emitAck(outsider, 'thread:join', bad)).toEqual({ ok: false, error: 'bad_request' });
      expect(await emitAck(outsider, 'thread:typing', bad)).toEqual({ ok: false, error: 'bad_request' });
    }
    expect(await emitAck(outsider, 'thread:typing', { threadId })).toEqual({ ok: false, error: 'not_joined' });
    // no ack, garbage arguments, unknown events: nothing to answer, nothing may crash
    outsider.emit('thread:join');
    outsider.emit('thread:join', { threadId }, 'not a function');
    outsider.emit('thread:typing', undefined);
    outsider.emit('thread:leave', { threadId: {} });
    outsider.emit('no:such:event', { a: 1 });
    const member = open(portB, cast.bMembers[1].client.token);
    await connected(member);
    expect(await emitAck(member, 'thread:join', { threadId })).toEqual({ ok: true, lastSeq: 0 });
    expect(outsider.connected).toBe(true);
    await cast.aMembers[0].client.post(`/api/threads/${threadId}/messages`, { body: 'members only' });
    const heard = await eventually(() => member.listeners('message:new').length >= 0 && true, 'a tick');
    expect(heard).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toEqual([]);
    // the manager of the cities' network may follow the thread live
    const manager = open(app.port, cast.manager.client.token);
    await connected(manager);
    expect(await emitAck(manager, 'thread:join', { threadId })).toEqual({ ok: true, lastSeq: 1 });
  });

  it('shares presence and typing across nodes', async () => {
    const threadId = await newThread();
    const a = open(app.port, cast.aMembers[1].client.token);
    const b = open(portB, cast.bMembers[2].client.token);
    await Promise.all([connected(a), connected(b)]);
    const presenceOnA: string[][] = [];
    a.on('thread:presence', (p: { threadId: string; userIds: string[] }) => { if (p.threadId === threadId) presenceOnA.push(p.userIds); });
    await emitAck(a, 'thread:join', { threadId });
    await emitAck(b, 'thread:join', { threadId });
    const both = [cast.aMembers[1].user.id, cast.bMembers[2].user.id].sort();
    await eventually(() => presenceOnA.some((u) => JSON.stringify(u) === JSON.stringify(both)), 'presence of both users on node A');

    const typing = new Promise<{ threadId: string; userId: string }>((resolve) => a.once('thread:typing', resolve));
    expect(await emitAck(b, 'thread:typing', { threadId })).toEqual({ ok: true });
    expect(await typing).toEqual({ threadId, userId: cast.bMembers[2].user.id });

    b.disconnect();
    await eventually(() => JSON.stringify(presenceOnA.at(-1)) === JSON.stringify([cast.aMembers[1].user.id]), 'presence after B left');
  });

  it('gives 50 concurrent posts split across both nodes exactly the seqs 1..50, each delivered once to every node', async () => {
    const threadId = await newThread('Concurrency');
    const watchA = open(app.port, cast.bMembers[0].client.token);
    const watchB = open(portB, cast.aMembers[2].client.token);
    await Promise.all([connected(watchA), connected(watchB)]);
    await emitAck(watchA, 'thread:join', { threadId });
    await emitAck(watchB, 'thread:join', { threadId });
    const seenA: number[] = [];
    const seenB: number[] = [];
    watchA.on('message:new', (e: { threadId: string; message: { seq: number } }) => { if (e.threadId === threadId) seenA.push(e.message.seq); });
    watchB.on('message:new', (e: { threadId: string; message: { seq: number } }) => { if (e.threadId === threadId) seenB.push(e.message.seq); });

    const posters = [cast.aMembers[0], cast.aMembers[1], cast.bMembers[1], cast.bMembers[2]];
    const results = await Promise.all(Array.from({ length: 50 }, async (_, i) => {
      const base = i % 2 === 0 ? app.baseUrl : urlB();
      const res = await fetch(`${base}/api/threads/${threadId}/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${posters[i % 4].client.token}` }, body: JSON.stringify({ body: `message ${i}` }),
      });
      expect(res.status).toBe(201);
      return messageSchema.parse(await res.json()).seq;
    }));
    const range = Array.from({ length: 50 }, (_, i) => i + 1);
    expect([...results].sort((x, y) => x - y)).toEqual(range);
    const rows = await app.db.message.findMany({ where: { threadId }, select: { seq: true }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual(range);
    expect((await app.db.thread.findUniqueOrThrow({ where: { id: threadId } })).lastSeq).toBe(50);
    await eventually(() => seenA.length >= 50 && seenB.length >= 50, 'all 50 on both nodes');
    await new Promise((r) => setTimeout(r, 200));
    expect([...seenA].sort((x, y) => x - y)).toEqual(range);
    expect([...seenB].sort((x, y) => x - y)).toEqual(range);

    // unread counts agree on both nodes: bruno 0 wrote none of them
    const onA = threadListResponse.parse((await cast.bMembers[0].client.get(`/api/threads?withCity=${cast.cityA.id}&limit=100`)).body);
    const onNodeB = threadListResponse.parse(await clientOnNodeB(cast.bMembers[0]).get(`/api/threads?withCity=${cast.cityA.id}&limit=100`));
    expect(onA.items.find((t) => t.id === threadId)?.unreadCount).toBe(50);
    expect(onNodeB.items.find((t) => t.id === threadId)?.unreadCount).toBe(50);
    const read = await clientOnNodeB(cast.bMembers[0]).post(`/api/threads/${threadId}/read`, { seq: 40 });
    expect(await read.json()).toEqual({ lastReadSeq: 40, unreadCount: 10 });
    expect((await cast.bMembers[0].client.get(`/api/threads/${threadId}`)).body.unreadCount).toBe(10);
  });

  it('turns a mention into a notification (outbox → worker) pushed to the mentioned user on the other node', async () => {
    const workers = await app.startWorkers();
    try {
      const threadId = await newThread('Mentions');
      const target = cast.bMembers[1];
      const socket = open(portB, target.client.token);
      await connected(socket);
      const pushed = new Promise<{ notification: { type: string; payload: Record<string, unknown> } }>((resolve) => {
        // creating the thread invited city B (thread.invited) too: wait for the mention itself
        socket.on('notification:new', (e: { notification: { type: string; payload: Record<string, unknown> } }) => {
          if (e.notification.type === 'thread.mentioned') resolve(e);
        });
      });
      const res = await cast.aMembers[0].client.post(`/api/threads/${threadId}/messages`, { body: '@Bruno have a look', mentions: [target.user.id] });
      expect(res.status).toBe(201);
      const { notification } = await pushed;
      expect(notification.type).toBe('thread.mentioned');
      // the line says who and where ("Ana mentioned you in “Mentions”"), as every type does
      expect(notification.payload).toMatchObject({ threadId, messageId: res.body.id, subject: { kind: 'thread', id: threadId }, title: 'Mentions', actorName: cast.aMembers[0].user.name });
      const rows = await eventually(async () => {
        const n = await app.db.notification.findMany({ where: { type: 'thread.mentioned', dedupeKey: `message-${res.body.id}-mentioned` } });
        return n.length ? n : undefined;
      }, 'the notification row');
      expect(rows.map((n) => n.userId)).toEqual([target.user.id]);
    } finally {
      await workers.stop();
    }
  });

  it('loses nothing and shows nothing twice when a node stops and restarts while two clients keep chatting', async () => {
    const threadId = await newThread('Restart');
    const bases = () => [app.baseUrl, urlB()];
    const alice = createChatClient({ port: app.port, token: cast.aMembers[0].client.token, threadId, baseUrls: bases });
    const bob = createChatClient({ port: portB, token: cast.bMembers[0].client.token, threadId, baseUrls: () => [urlB(), app.baseUrl] });
    closers.push(alice.close, bob.close);
    await Promise.all([alice.start(), bob.start()]);

    const posted: number[] = [];
    const chat = async (who: typeof alice, name: string, n: number) => {
      for (let i = 0; i < n; i++) {
        posted.push((await who.post(`${name} ${i}`)).seq);
        await new Promise((r) => setTimeout(r, 15));
      }
    };
    const port = portB;
    const chatting = Promise.all([chat(alice, 'alice', 40), chat(bob, 'bob', 40)]);
    await eventually(() => posted.length >= 15, '15 messages before the restart');
    await nodeB!.stop();
    nodeB = undefined;
    await eventually(() => !bob.socket.connected, 'bob disconnected');
    await eventually(() => posted.length >= 40, 'messages posted while node B is down');
    await startNodeB(port); // same address: bob's socket reconnects by itself
    await chatting;
    await eventually(() => bob.socket.connected, 'bob reconnected');

    const range = Array.from({ length: 80 }, (_, i) => i + 1);
    expect([...posted].sort((x, y) => x - y)).toEqual(range);
    for (const [name, who] of [['alice', alice], ['bob', bob]] as const) {
      await eventually(() => who.sync.lastSeq === 80, `${name} caught up`);
      const seqs = who.sync.messages().map((m) => m.seq);
      expect(seqs, name).toEqual(range);
      expect(new Set(who.sync.messages().map((m) => m.id)).size).toBe(80);
    }
    // bob really missed live events while his node was down: the gap fill is what made him whole
    expect(new Set(bob.deliveries).size).toBeLessThan(80);
  });
});
