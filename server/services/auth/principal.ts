import type { DbOrTx } from '../../db/client.ts';
import type { Principal } from '../../policies/principal.ts';
import type { Actor } from './actor.ts';

/** What an actor may act as, read fresh: services load it before asking a policy. */
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

/** Anonymous requests have no principal; policies that allow them take `null`. */
export const loadOptionalPrincipal = (db: DbOrTx, actor: Actor | null) => (actor ? loadPrincipal(db, actor) : Promise.resolve(null));
