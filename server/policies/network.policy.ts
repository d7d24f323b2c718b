import { isNetworkManager, managesNetwork, type Principal } from './principal.ts';

/**
 * Networks and their routes are run by their managers: a manager of any network (or an admin) may
 * found another one (becoming its first manager) and add or edit migration routes; the managers of a
 * network appoint its other managers and choose its member cities.
 */
export const networkPolicy = {
  canCreate: (p: Principal) => isNetworkManager(p),
  canAddManager: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  canRemoveManager: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  canAddCity: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  /** Bulk onboarding from CSV: creates cities in the network and updates its cities, so the same as adding one. */
  canImport: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  canRemoveCity: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  /** Managers' names and e-mail addresses are shown to those who manage the network, not to the public. */
  canSeeManagers: (p: Principal | null, networkId: string) => p !== null && managesNetwork(p, networkId),
  canCreateRoute: (p: Principal) => isNetworkManager(p),
  canEditRoute: (p: Principal) => isNetworkManager(p),
};
