import type { DbOrTx } from '../db/client.ts';
import type { Actor } from '../services/auth/actor.ts';

/** What an actor may act as: loaded once per request where a policy needs it. */
export type Principal = {
  userId: string;
  isAdmin: boolean;
  managedNetworkIds: Set<string>;
  cityRoles: Map<string, 'focal_point' | 'practitioner'>;
};

export async function loadPrincipal(db: DbOrTx, actor: Actor): Promise<Principal> {
  const [managed, memberships] = await Promise.all([
    db.networkManager.findMany({ where: { userId: actor.userId }, select: { networkId: true } }),
    db.cityMembership.findMany({ where: { userId: actor.userId }, select: { cityId: true, role: true } }),
  ]);
  return {
    userId: actor.userId,
    isAdmin: actor.user.isPlatformAdmin,
    managedNetworkIds: new Set(managed.map((m) => m.networkId)),
    cityRoles: new Map(memberships.map((m) => [m.cityId, m.role])),
  };
}

export const isNetworkManager = (p: Principal) => p.isAdmin || p.managedNetworkIds.size > 0;
export const managesNetwork = (p: Principal, networkId: string) => p.isAdmin || p.managedNetworkIds.has(networkId);
/** A manager of any network the city belongs to manages the city. */
export const managesAnyOf = (p: Principal, cityNetworkIds: string[]) =>
  p.isAdmin || cityNetworkIds.some((id) => p.managedNetworkIds.has(id));
export const isFocalPoint = (p: Principal, cityId: string) => p.cityRoles.get(cityId) === 'focal_point';
export const isMemberOf = (p: Principal, cityId: string) => p.cityRoles.has(cityId);
