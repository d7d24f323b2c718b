import type { DbOrTx } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Principal } from '../../policies/principal.ts';
import type { Actor } from './actor.ts';

type CityRole = Principal['cityRoles'] extends Map<string, infer R> ? R : never;
/** The principal's columns of a row (see `principalColumns`). */
export type PrincipalRow = { managed_network_ids: string[]; member_city_ids: string[]; member_roles: CityRole[] };

/**
 * The columns a principal is built from, for a SELECT: the networks the user manages and their city
 * memberships (both ordered by city, one membership per city, so `member_city_ids[i]` has `member_roles[i]`).
 * A hot path adds them to its own statement rather than paying for two more queries.
 */
export const principalColumns = (userId: string) => Prisma.sql`
  ARRAY(SELECT nm.network_id FROM network_managers nm WHERE nm.user_id = ${userId}) AS managed_network_ids,
  (SELECT COALESCE(array_agg(cm.city_id ORDER BY cm.city_id), '{}') FROM city_memberships cm WHERE cm.user_id = ${userId}) AS member_city_ids,
  (SELECT COALESCE(array_agg(cm.role::text ORDER BY cm.city_id), '{}') FROM city_memberships cm WHERE cm.user_id = ${userId}) AS member_roles`;

export const principalFrom = (actor: Actor, row: PrincipalRow): Principal => ({
  userId: actor.userId,
  isAdmin: actor.user.isPlatformAdmin,
  managedNetworkIds: new Set(row.managed_network_ids),
  cityRoles: new Map(row.member_city_ids.map((cityId, i) => [cityId, row.member_roles[i]])),
});

/** What an actor may act as, read fresh (one statement): services load it before asking a policy. */
export async function loadPrincipal(db: DbOrTx, actor: Actor): Promise<Principal> {
  const [row] = await db.$queryRaw<PrincipalRow[]>`SELECT ${principalColumns(actor.userId)}`;
  return principalFrom(actor, row);
}

/** Anonymous requests have no principal; policies that allow them take `null`. */
export const loadOptionalPrincipal = (db: DbOrTx, actor: Actor | null) => (actor ? loadPrincipal(db, actor) : Promise.resolve(null));
