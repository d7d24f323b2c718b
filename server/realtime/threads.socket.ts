import type { Server } from 'socket.io';
import { threadRoomPayload } from '../contract/threads.ts';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { ThreadsService } from '../services/threads/threads.service.ts';
import type { AppSocket, SocketData, SocketFeature } from './socket.ts';

type Ack = (reply: { ok: true; [k: string]: unknown } | { ok: false; error: string }) => void;
const roomOf = (threadId: string) => `thread:${threadId}`;

/**
 * Client events of the threads: `thread:join` (after the service checked participation; acks the
 * thread's lastSeq), `thread:leave`, `thread:typing`. Every payload is validated; a bad one gets
 * `{ok:false}` and nothing a client sends can throw out of a handler. Presence is read from the rooms
 * of every node (Redis adapter `fetchSockets`), so it is the same whichever node a client is on.
 */
export function threadSocketFeature({ threads, logger }: { threads: Pick<ThreadsService, 'joinable'>; logger: Logger }): SocketFeature {
  async function broadcastPresence(io: Server, threadId: string) {
    try {
      const sockets = await io.in(roomOf(threadId)).fetchSockets();
      const userIds = [...new Set(sockets.map((s) => (s.data as SocketData).actor?.userId).filter(Boolean))].sort();
      io.to(roomOf(threadId)).emit('thread:presence', { threadId, userIds });
    } catch (err) {
      logger.warn({ err, threadId }, 'presence not broadcast');
    }
  }

  return (socket: AppSocket, io: Server) => {
    /** Registers a handler that validates, never throws, and acks at most once when an ack was given. */
    function on(event: string, handle: (threadId: string) => Promise<Record<string, unknown>>) {
      socket.on(event, async (payload: unknown, maybeAck?: unknown) => {
        const ack: Ack = typeof maybeAck === 'function' ? (maybeAck as Ack) : () => {};
        const parsed = threadRoomPayload.safeParse(payload);
        if (!parsed.success) return ack({ ok: false, error: 'bad_request' });
        try {
          ack({ ok: true, ...(await handle(parsed.data.threadId)) });
        } catch (err) {
          if (!(err instanceof AppError)) logger.error({ err, event }, 'socket event failed');
          ack({ ok: false, error: err instanceof AppError ? err.code : 'internal' });
        }
      });
    }

    on('thread:join', async (threadId) => {
      const { lastSeq } = await threads.joinable(socket.data.actor, threadId);
      await socket.join(roomOf(threadId));
      void broadcastPresence(io, threadId);
      return { lastSeq };
    });

    on('thread:leave', async (threadId) => {
      await socket.leave(roomOf(threadId));
      void broadcastPresence(io, threadId);
      return {};
    });

    on('thread:typing', async (threadId) => {
      // only from inside the room: joining checked participation
      if (!socket.rooms.has(roomOf(threadId))) throw new AppError('not_joined', 403, 'Join the thread first');
      socket.to(roomOf(threadId)).emit('thread:typing', { threadId, userId: socket.data.actor.userId });
      return {};
    });

    socket.on('disconnecting', (reason: string) => {
      // a node going down takes its Redis connections with it: the other nodes' next presence event corrects the list
      if (reason === 'server shutting down') return;
      const left = [...socket.rooms].filter((r) => r.startsWith('thread:')).map((r) => r.slice('thread:'.length));
      // after the socket has left its rooms
      if (left.length) setImmediate(() => { for (const threadId of left) void broadcastPresence(io, threadId); });
    });
  };
}
