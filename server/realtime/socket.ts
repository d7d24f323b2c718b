import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { parse as parseCookie } from 'cookie';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { Logger } from '../lib/logger.ts';
import { SESSION_COOKIE } from '../middleware/auth.ts';
import type { Actor } from '../services/auth/actor.ts';
import type { AuthService } from '../services/auth/auth.service.ts';

export type SocketData = { actor: Actor };
/** Client and server events are validated per feature (zod), so the socket itself carries no event map. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are unknown until a feature's zod schema parses them
type AnyEvents = Record<string, (...args: any[]) => void>;
export type AppSocket = Socket<AnyEvents, AnyEvents, AnyEvents, SocketData>;
/** Per-event handlers that later features add (thread:join, …), registered on each authenticated socket. */
export type SocketFeature = (socket: AppSocket, io: Server<AnyEvents, AnyEvents, AnyEvents, SocketData>) => void;

/**
 * socket.io on the API's HTTP server: authenticated at the handshake (auth.token or the session
 * cookie), each user in `user:<id>`, and the Redis adapter so emits reach sockets on every node.
 */
export function attachRealtime({ httpServer, auth, pub, sub, logger, key, features = [] }: {
  httpServer: HttpServer;
  auth: AuthService;
  pub: Redis;
  sub: Redis;
  logger: Logger;
  /** Redis channel prefix shared by this deployment's nodes and publishers (see realtimeKey). */
  key?: string;
  features?: SocketFeature[];
}) {
  const io = new Server<AnyEvents, AnyEvents, AnyEvents, SocketData>(httpServer, {
    path: '/socket.io',
    adapter: createAdapter(pub, sub, key ? { key } : {}),
    serveClient: false,
  });

  io.use(async (socket, next) => {
    try {
      const fromAuth = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : null;
      const cookieHeader = socket.handshake.headers.cookie;
      const token = fromAuth ?? (cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined) ?? null;
      const actor = token ? await auth.resolveToken(token) : null;
      if (!actor) return next(new Error('unauthorized'));
      socket.data.actor = actor;
      next();
    } catch (err) {
      logger.error({ err }, 'socket handshake failed');
      next(new Error('unauthorized'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(`user:${socket.data.actor.userId}`);
    for (const feature of features) feature(socket, io);
  });

  return io;
}
