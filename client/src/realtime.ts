import type { Socket } from 'socket.io-client';
import type { Notification } from '../../server/contract/notifications.ts';

export type NotificationListener = (notification: Notification) => void;
export type RealtimeStatus = 'disconnected' | 'connecting' | 'connected' | 'unauthorized';

let socket: Socket | null = null;
let detachWindow: (() => void) | null = null;
let status: RealtimeStatus = 'disconnected';
const notificationListeners = new Set<NotificationListener>();
const statusListeners = new Set<(s: RealtimeStatus) => void>();

function setStatus(next: RealtimeStatus) {
  if (status === next) return;
  status = next;
  for (const l of statusListeners) l(next);
}

/**
 * Connect to the same-origin socket.io endpoint (path /socket.io). The session cookie
 * authenticates the handshake; a bearer token, when the client has one in memory,
 * is sent too as `auth: {token}`. Idempotent: returns the existing socket if any.
 */
export function connectRealtime(options: { token?: string | null } = {}): void {
  if (socket || loading) return;
  // socket.io-client is its own chunk, fetched only once someone signs in: anonymous visits never load it
  const attempt = { cancelled: false };
  loading = attempt;
  void import('socket.io-client').then(({ io }) => {
    if (attempt.cancelled) return;
    loading = null;
    open(io, options);
  }, (err: unknown) => {
    loading = null;
    console.warn('Could not load the real-time client', err);
  });
}

/** Pending load of the socket.io client (cancelled by a sign-out before it arrives). */
let loading: { cancelled: boolean } | null = null;

function open(io: typeof import('socket.io-client').io, options: { token?: string | null }): Socket {
  const s = io({
    path: '/socket.io',
    withCredentials: true,
    auth: options.token ? { token: options.token } : {},
    transports: ['websocket', 'polling'],
  });
  socket = s;
  setStatus('connecting');

  s.on('connect', () => setStatus('connected'));
  s.on('disconnect', (reason) => {
    // a node shutting down says goodbye ("io server disconnect"): come back through another node
    if (reason === 'io server disconnect') setTimeout(() => s.connect(), 500);
    setStatus(s.active || reason === 'io server disconnect' ? 'connecting' : 'disconnected');
  });
  s.on('connect_error', (err: Error) => {
    if (err.message === 'unauthorized') {
      // The server refused the handshake: don't retry until the user signs in again.
      setStatus('unauthorized');
      s.disconnect();
    } else {
      setStatus('connecting'); // socket.io retries on its own
    }
  });
  // The browser knows first when the network is gone (a laptop sleeping, a train tunnel): drop the socket
  // then, and come back when it returns; views re-join their threads and fetch what they missed.
  if (typeof window !== 'undefined') {
    const offline = () => s.disconnect();
    const online = () => { if (socket === s && !s.connected) s.connect(); };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    detachWindow = () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }
  s.on('notification:new', (msg: { notification?: Notification } | Notification) => {
    const notification = msg && typeof msg === 'object' && 'notification' in msg && msg.notification ? msg.notification : (msg as Notification);
    for (const l of notificationListeners) {
      try {
        l(notification);
      } catch (err) {
        console.error('notification listener failed', err);
      }
    }
  });
  return s;
}

export function disconnectRealtime(): void {
  if (loading) loading.cancelled = true;
  loading = null;
  if (!socket) return;
  detachWindow?.();
  detachWindow = null;
  socket.removeAllListeners();
  socket.disconnect();
  socket = null;
  setStatus('disconnected');
}

/**
 * Subscribe to `notification:new`. Subscriptions survive reconnects and sign-in/out;
 * returns an unsubscribe function.
 */
export function subscribeNotifications(listener: NotificationListener): () => void {
  notificationListeners.add(listener);
  return () => {
    notificationListeners.delete(listener);
  };
}

export function subscribeRealtimeStatus(listener: (s: RealtimeStatus) => void): () => void {
  statusListeners.add(listener);
  return () => {
    statusListeners.delete(listener);
  };
}

export function getRealtimeStatus(): RealtimeStatus {
  return status;
}

/** The live socket (threads join their rooms on it). */
export function getSocket(): Socket | null {
  return socket;
}
