import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';

/**
 * Emits socket.io events from any process (API node or worker) through Redis; the Redis adapter
 * on every API node delivers them to the sockets it holds. Best effort after a commit: a publish that
 * fails (Redis gone, process stopping) is reported, never an unhandled rejection; clients catch up
 * from the database (thread gap fill, notification lists).
 */
/**
 * The Redis channel prefix of the socket.io adapter and emitter: one per deployment (QUEUE_PREFIX), so
 * nodes of other deployments on the same Redis neither receive these events nor answer (or delay)
 * this deployment's `fetchSockets` requests.
 */
export const realtimeKey = (prefix: string) => `${prefix}:socket.io`;

export function createRealtimePublisher(redis: Redis, { key, onError }: { key?: string; onError?: (err: unknown) => void } = {}) {
  const emitter = new Emitter({
    publish: (channel: string, message: string | Buffer) => redis.publish(channel, message).catch((err: unknown) => onError?.(err)),
  }, key ? { key } : {});
  return {
    /**
     * To one user, or to many in one publish (e.g. every participant of a thread). `exceptThread`
     * skips the sockets in that thread's room: they have the same news from its `message:new`.
     */
    toUser(userId: string | string[], event: string, data: unknown, { exceptThread }: { exceptThread?: string } = {}) {
      const rooms = typeof userId === 'string' ? `user:${userId}` : userId.map((id) => `user:${id}`);
      if (!rooms.length) return;
      const to = emitter.to(rooms);
      (exceptThread ? to.except(`thread:${exceptThread}`) : to).emit(event, data);
    },
    toThread(threadId: string, event: string, data: unknown) {
      emitter.to(`thread:${threadId}`).emit(event, data);
    },
  };
}

export type RealtimePublisher = ReturnType<typeof createRealtimePublisher>;
