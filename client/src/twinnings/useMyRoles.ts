import { useEffect, useState } from 'react';
import type { Me } from '../../../server/contract/me.ts';
import { useAuth } from '../auth/AuthProvider';
import { twinningsApi } from './api';

export interface MyRoles {
  ready: boolean;
  cities: Me['cities'];
  /** Ids of the cities the user is a focal point of: the cities they may consent for. */
  focalCityIds: Set<string>;
  managedNetworks: Me['managedNetworks'];
}

const EMPTY: MyRoles = { ready: false, cities: [], focalCityIds: new Set(), managedNetworks: [] };

// One GET /api/me per signed-in user, shared by every card and the nav (match lists render many).
let cache: { userId: string; promise: Promise<Me> } | null = null;

function loadMe(userId: string): Promise<Me> {
  if (cache?.userId !== userId) {
    const promise = twinningsApi.me();
    cache = { userId, promise };
    promise.catch(() => { if (cache?.promise === promise) cache = null; });
  }
  return cache.promise;
}

/** Drop the cached roles (tests; sign-out changes the user id anyway). */
export function resetMyRolesCache() { cache = null; }

export function useMyRoles(): MyRoles {
  const { user, status } = useAuth();
  const [roles, setRoles] = useState<MyRoles>(EMPTY);
  const userId = status === 'authenticated' ? user?.id ?? null : null;
  useEffect(() => {
    if (!userId) { setRoles(status === 'anonymous' ? { ...EMPTY, ready: true } : EMPTY); return; }
    let live = true;
    loadMe(userId).then(
      (me) => {
        if (!live) return;
        setRoles({
          ready: true,
          cities: me.cities ?? [],
          focalCityIds: new Set((me.cities ?? []).filter((c) => c.role === 'focal_point').map((c) => c.id)),
          managedNetworks: me.managedNetworks ?? [],
        });
      },
      () => { if (live) setRoles({ ...EMPTY, ready: true }); },
    );
    return () => { live = false; };
  }, [userId, status]);
  return roles;
}
