import { useAuth } from '../auth/AuthProvider';
import { useApi } from '../api/useApi';
import { joinApi } from './api';
import type { Me } from '../../../server/contract/me.ts';

/** GET /api/me (cities with roles, managed networks, time zone) while signed in; null otherwise. */
export function useMe(): [Me | null, () => void, boolean] {
  const { status, user } = useAuth();
  const signedIn = status === 'authenticated';
  // older servers (and mocks) answer only {user}: the lists default to empty
  const [state, reload] = useApi<Me | null>((signal) => (signedIn
    ? joinApi.me(signal).then((m) => ({ ...m, cities: m.cities ?? [], managedNetworks: m.managedNetworks ?? [], timezone: m.timezone ?? 'UTC' }))
    : Promise.resolve(null)), [signedIn, user?.id]);
  return [state.status === 'success' ? state.data : null, reload, state.status === 'loading'];
}
