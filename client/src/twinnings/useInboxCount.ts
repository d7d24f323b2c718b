import { useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { twinningsApi } from './api';

// Pages that change a twinning tell the nav to count again.
const listeners = new Set<() => void>();
export function twinningsChanged() { for (const l of listeners) l(); }

/** How many twinnings await a consent the user can give (`?awaitingMe=true`); live on twinning notifications. */
export function useInboxCount(): number {
  const { status, onNotification } = useAuth();
  const [count, setCount] = useState(0);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const bump = () => setNonce((n) => n + 1);
    listeners.add(bump);
    const off = onNotification((n) => { if (n.type.startsWith('twinning.')) bump(); });
    return () => { listeners.delete(bump); off(); };
  }, [onNotification]);
  useEffect(() => {
    if (status !== 'authenticated') { setCount(0); return; }
    const controller = new AbortController();
    twinningsApi.list({ awaitingMe: true }, controller.signal).then((r) => setCount(r.items.length), () => {});
    return () => controller.abort();
  }, [status, nonce]);
  return count;
}
