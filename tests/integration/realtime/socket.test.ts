import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../../../server/services/outbox/outbox.ts';
import { createLogger } from '../../../server/lib/logger.ts';
import { startApi } from '../../../server/main.ts';
import { createSignedInUser } from '../../factories/users.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

let app: TestApp;
const sockets: Socket[] = [];
beforeAll(async () => {
  app = await startTestApp({ label: 'socket' });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app?.stop();
});

function open(port: number, opts: { token?: string; cookie?: string } = {}) {
  const socket = connect(`http://127.0.0.1:${port}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
  });
  sockets.push(socket);
  return socket;
}

const connected = (s: Socket) => new Promise<void>((resolve, reject) => {
  s.once('connect', () => resolve());
  s.once('connect_error', reject);
});
const nextEvent = <T>(s: Socket, event: string, ms = 10_000) => new Promise<T>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
  s.once(event, (data: T) => {
    clearTimeout(timer);
    resolve(data);
  });
});

describe('socket.io handshake', () => {
  it('refuses a connection without a valid token: connect_error "unauthorized"', async () => {
    const err = await new Promise<Error>((resolve) => open(app.port).once('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
    const forged = await new Promise<Error>((resolve) => open(app.port, { token: 'forged' }).once('connect_error', resolve));
    expect(forged.message).toBe('unauthorized');
  });

  it('accepts the bearer token in auth and the session cookie', async () => {
    const { client } = await createSignedInUser(app.db, app.baseUrl);
    await connected(open(app.port, { token: client.token }));
    await connected(open(app.port, { cookie: `ctw_session=${client.token}` }));
  });
});

describe('notifications pushed from workers', () => {
  it('reaches the user on another API node through the Redis adapter, and only that user', async () => {
    // A second API node over the same database and Redis.
    const nodeB = await startApi({ env: app.env, logger: createLogger('silent'), databaseUrl: app.database.url, prepare: false });
    const workers = await app.startWorkers();
    try {
      const alice = await createSignedInUser(app.db, app.baseUrl);
      const bob = await createSignedInUser(app.db, app.baseUrl);
      const aliceSocket = open(nodeB.port, { token: alice.client.token });
      const bobSocket = open(app.port, { token: bob.client.token });
      await Promise.all([connected(aliceSocket), connected(bobSocket)]);
      const bobGot: unknown[] = [];
      bobSocket.on('notification:new', (d) => bobGot.push(d));

      const received = nextEvent<{ notification: { id: string; type: string; payload: unknown; readAt: null } }>(aliceSocket, 'notification:new');
      await app.db.$transaction((tx) => createOutbox().add(tx, {
        job: 'notification.fanout', key: 'socket-1',
        payload: { type: 'thread.invited', eventKey: 'socket-1', actorId: null, subject: { kind: 'thread', id: 'th1' }, recipients: [{ kind: 'user', userId: alice.user.id }], data: { threadId: 'th1' } },
      }));
      const { notification } = await received;
      expect(notification).toMatchObject({ type: 'thread.invited', payload: { threadId: 'th1', url: '/threads/th1', subject: { kind: 'thread', id: 'th1' } }, readAt: null });
      const row = await app.db.notification.findUniqueOrThrow({ where: { id: notification.id } });
      expect(row.userId).toBe(alice.user.id);
      expect(bobGot).toEqual([]);
    } finally {
      await workers.stop();
      await nodeB.stop();
    }
  });
});
