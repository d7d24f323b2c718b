import { managesNetwork, type Principal } from './principal.ts';

export const networkPolicy = {
  canCreate: (p: Principal) => p.isAdmin,
  canAddManager: (p: Principal) => p.isAdmin,
  canAddCity: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  /** Bulk onboarding from CSV: creates cities in the network and updates its cities, so the same as adding one. */
  canImport: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  canCreateRoute: (p: Principal) => p.isAdmin || p.managedNetworkIds.size > 0,
};
