import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';

/**
 * Emits socket.io events from any process (API node or worker) through Redis; the Redis adapter
 * on every API node delivers them to the sockets it holds.
 */
export function createRealtimePublisher(redis: Redis) {
  const emitter = new Emitter(redis);
  return {
    toUser(userId: string, event: string, data: unknown) {
      emitter.to(`user:${userId}`).emit(event, data);
    },
    toThread(threadId: string, event: string, data: unknown) {
      emitter.to(`thread:${threadId}`).emit(event, data);
    },
  };
}

export type RealtimePublisher = ReturnType<typeof createRealtimePublisher>;
