import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { twinningsApi } from './api';
import { resetMyTwinningsCache } from './useMyTwinnings';
import { useTwinningUpdates } from './useTwinningUpdates';

// Pages that change a twinning tell the nav to count again.
const listeners = new Set<() => void>();
export function twinningsChanged() {
  resetMyTwinningsCache();
  for (const l of listeners) l();
}

/** How many twinnings await a consent the user can give (`?awaitingMe=true`); live on `twinning:updated`. */
export function useInboxCount(): number {
  const { status } = useAuth();
  const [count, setCount] = useState(0);
  const [nonce, setNonce] = useState(0);
  const bump = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => {
    listeners.add(bump);
    return () => { listeners.delete(bump); };
  }, [bump]);
  useTwinningUpdates(useCallback(() => { resetMyTwinningsCache(); bump(); }, [bump]));
  useEffect(() => {
    if (status !== 'authenticated') { setCount(0); return; }
    const controller = new AbortController();
    twinningsApi.list({ awaitingMe: true }, controller.signal).then((r) => setCount(r.items.length), () => {});
    return () => controller.abort();
  }, [status, nonce]);
  return count;
}
