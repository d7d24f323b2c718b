import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { subscribeRealtimeStatus } from '../realtime';

/**
 * The unread count shown by the bell: loaded from the API when signed in (and again on every socket
 * reconnect, which may have missed pushes), +1 for each `notification:new` not seen before (pushes may
 * repeat after a worker crash), and set from the API's answer after read / read-all.
 */
let count = 0;
const seen = new Set<string>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function setUnreadCount(n: number) {
  count = n;
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

async function reload() {
  try {
    setUnreadCount((await api.notifications({ unread: true, limit: 1 })).unreadCount);
  } catch {
    /* signed out meanwhile: the bell is not shown */
  }
}

export function useUnreadCount() {
  const { status, onNotification } = useAuth();
  useEffect(() => {
    if (status !== 'authenticated') return;
    void reload();
    const offPush = onNotification((n) => {
      if (seen.has(n.id)) return;
      seen.add(n.id);
      if (!n.readAt) setUnreadCount(count + 1);
    });
    const offStatus = subscribeRealtimeStatus((s) => {
      if (s === 'connected') void reload();
    });
    return () => {
      offPush();
      offStatus();
    };
  }, [status, onNotification]);
  return useSyncExternalStore(subscribe, () => count);
}

/** Marks a pushed notification as seen, so a repeated push does not count it twice. */
export const markSeen = (id: string) => seen.add(id);
