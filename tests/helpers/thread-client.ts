import { io as connect, type Socket } from 'socket.io-client';
import { createThreadSync, type ThreadSync } from '../../client/src/threads/thread-sync.ts';
import type { Message } from '../../server/contract/threads.ts';

export function openSocket(port: number, token: string | undefined, opts: { reconnection?: boolean } = {}) {
  return connect(`http://127.0.0.1:${port}`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    auth: token ? { token } : {},
  });
}

export const connected = (s: Socket) => new Promise<void>((resolve, reject) => {
  if (s.connected) return resolve();
  s.once('connect', () => resolve());
  s.once('connect_error', reject);
});

export const emitAck = <T = any>(s: Socket, event: string, ...args: unknown[]) =>
  s.timeout(5000).emitWithAck(event, ...args) as Promise<T>;

export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A chat client as the browser runs it: one socket (re-joining the thread after every reconnect) and
 * the client's own gap-fill module, fetching `?after=` over HTTP from whichever node answers.
 */
export function createChatClient({ port, token, threadId, baseUrls }: { port: number; token: string; threadId: string; baseUrls: () => string[] }) {
  const socket = openSocket(port, token, { reconnection: true });
  const deliveries: number[] = []; // every seq as it arrived live, duplicates included
  const get = async (path: string) => {
    let last: unknown;
    for (const base of baseUrls()) {
      try {
        const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
        if (res.ok) return res.json();
        last = new Error(`${path}: ${res.status}`);
      } catch (err) {
        last = err;
      }
    }
    throw last;
  };
  const sync: ThreadSync = createThreadSync({
    fetchAfter: (after) => get(`/api/threads/${threadId}/messages?after=${after}&limit=100`),
  });
  const join = async () => {
    const ack = await emitAck<{ ok: boolean; lastSeq: number }>(socket, 'thread:join', { threadId });
    if (ack.ok) await sync.joined(ack.lastSeq);
    return ack;
  };
  socket.on('message:new', ({ message }: { message: Message }) => {
    deliveries.push(message.seq);
    sync.received(message);
  });
  socket.on('message:updated', ({ message }: { message: Message }) => sync.received(message));
  socket.on('connect', () => { void join().catch(() => {}); });
  return {
    socket,
    sync,
    deliveries,
    async start() {
      await connected(socket);
      const latest = await get(`/api/threads/${threadId}/messages?limit=50`);
      sync.start(latest.items);
      await join();
    },
    /** Posts through the first node that answers (a load balancer's failover). */
    async post(body: string) {
      for (;;) {
        for (const base of baseUrls()) {
          try {
            const res = await fetch(`${base}/api/threads/${threadId}/messages`, {
              method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ body }),
            });
            if (res.status === 201) return (await res.json()) as Message;
            throw new Error(`post answered ${res.status}`);
          } catch (err) {
            if ((err as Error).message.startsWith('post answered')) throw err;
            /* node down: try the next one */
          }
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close() {
      socket.disconnect();
    },
  };
}
