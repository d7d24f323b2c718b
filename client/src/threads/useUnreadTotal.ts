import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { useSocket, useSocketEvent } from './useSocket';

/**
 * Unread messages over all the user's threads, kept live by `thread:activity` and `thread:read`, and
 * by `message:new` of a thread this socket has joined (the server sends those no `thread:activity`).
 */
export function useUnreadTotal() {
  const { status } = useAuth();
  const socket = useSocket();
  const [total, setTotal] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    // a burst of messages costs one request
    timer.current = setTimeout(() => {
      api.threads({ limit: 1 }).then((r) => setTotal(r.unreadTotal), () => {});
    }, 250);
  }, []);
  useEffect(() => {
    if (status === 'authenticated') refresh();
    else setTotal(0);
  }, [status, refresh]);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  useSocketEvent(socket, 'thread:activity', refresh);
  useSocketEvent(socket, 'message:new', refresh);
  useSocketEvent(socket, 'thread:read', refresh);
  useSocketEvent(socket, 'connect', refresh);
  return status === 'authenticated' ? total : 0;
}
