import { useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { twinningsApi } from './api';
import type { TwinningSummary } from './types';

// One GET /api/twinnings per signed-in user for all the match cards of a page; dropped when a twinning changes.
let cache: { userId: string; promise: Promise<TwinningSummary[]> } | null = null;
export function resetMyTwinningsCache() { cache = null; }

/** The open or active twinnings the user can see (null until loaded). */
export function useMyTwinnings(): TwinningSummary[] | null {
  const { user, status } = useAuth();
  const [items, setItems] = useState<TwinningSummary[] | null>(null);
  const userId = status === 'authenticated' ? user?.id ?? null : null;
  useEffect(() => {
    if (!userId) { setItems(null); return; }
    if (cache?.userId !== userId) {
      const promise = twinningsApi.list({ limit: 100 }).then((r) => r.items.filter((t) => ['requested', 'proposed', 'active'].includes(t.status)));
      cache = { userId, promise };
      promise.catch(() => { if (cache?.promise === promise) cache = null; });
    }
    let live = true;
    cache.promise.then((list) => { if (live) setItems(list); }, () => { if (live) setItems([]); });
    return () => { live = false; };
  }, [userId]);
  return items;
}

/** The open or active twinning of a pair of cities, if any (one per pair, enforced by the server). */
export function twinningOfPair(list: readonly TwinningSummary[] | null, a: string, b: string): TwinningSummary | undefined {
  return list?.find((t) => (t.fromCity.id === a && t.toCity.id === b) || (t.fromCity.id === b && t.toCity.id === a));
}
