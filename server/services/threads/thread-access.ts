import type { DbOrTx } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import type { Principal } from '../../policies/principal.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { threadPolicy, type ThreadFacts } from '../../policies/thread.policy.ts';
import { threadInclude } from '../../presenters/thread.presenter.ts';
import type { Actor } from '../auth/actor.ts';

export const factsOf = (t: { cities: { city: { id: string; networks: { networkId: string }[] } }[] }): ThreadFacts => ({
  cityIds: t.cities.map((c) => c.city.id),
  cityNetworkIds: [...new Set(t.cities.flatMap((c) => c.city.networks.map((n) => n.networkId)))],
});

/**
 * The thread, the actor's principal and the facts the policy needs, if the actor may read it. Anyone
 * else gets 404, so a thread does not reveal it exists.
 */
export async function requireReadable(db: DbOrTx, actor: Actor, threadId: string) {
  const [principal, thread] = await Promise.all([
    loadPrincipal(db, actor),
    db.thread.findUnique({ where: { id: threadId }, include: threadInclude }),
  ]);
  if (!thread) throw notFound('Thread');
  const facts = factsOf(thread);
  if (!threadPolicy.canRead(principal, facts)) throw notFound('Thread');
  return { thread, principal, facts };
}

/**
 * The hot path (posting, joining, reading): only what the policy needs, in one statement, beside the
 * actor's principal. 404 like `requireReadable`.
 */
export async function requireReadableFacts(db: DbOrTx, actor: Actor, threadId: string) {
  const [principal, rows] = await Promise.all([
    loadPrincipal(db, actor),
    db.$queryRaw<{ id: string; title: string; last_seq: number; city_ids: string[]; network_ids: string[] }[]>`
      SELECT t.id, t.title, t.last_seq,
        COALESCE(array_agg(DISTINCT tc.city_id) FILTER (WHERE tc.city_id IS NOT NULL), '{}') AS city_ids,
        COALESCE(array_agg(DISTINCT nc.network_id) FILTER (WHERE nc.network_id IS NOT NULL), '{}') AS network_ids
      FROM threads t
      LEFT JOIN thread_cities tc ON tc.thread_id = t.id
      LEFT JOIN network_cities nc ON nc.city_id = tc.city_id
      WHERE t.id = ${threadId}
      GROUP BY t.id`,
  ]);
  const row = rows[0];
  if (!row) throw notFound('Thread');
  const facts: ThreadFacts = { cityIds: row.city_ids, cityNetworkIds: row.network_ids };
  if (!threadPolicy.canRead(principal, facts)) throw notFound('Thread');
  return { thread: { id: row.id, title: row.title, lastSeq: row.last_seq }, principal, facts };
}

/** Ids of every member of the cities. */
export async function memberIdsOf(db: DbOrTx, cityIds: string[]) {
  const rows = await db.$queryRaw<{ user_id: string }[]>`SELECT DISTINCT user_id FROM city_memberships WHERE city_id = ANY(${cityIds})`;
  return rows.map((r) => r.user_id);
}

/** Ids of the users among `userIds` who are members of one of the cities. */
export async function membersAmong(db: DbOrTx, cityIds: string[], userIds: string[]) {
  if (!userIds.length || !cityIds.length) return [];
  const rows = await db.cityMembership.findMany({ where: { cityId: { in: cityIds }, userId: { in: userIds } }, select: { userId: true }, distinct: ['userId'] });
  return rows.map((r) => r.userId);
}

/** Every member of the cities (the participants), with the cities they belong to. */
export async function participantsOf(db: DbOrTx, cityIds: string[]) {
  const rows = await db.cityMembership.findMany({
    where: { cityId: { in: cityIds } },
    select: { cityId: true, user: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const byUser = new Map<string, { id: string; name: string; cityIds: string[] }>();
  for (const r of rows) {
    const p = byUser.get(r.user.id) ?? { id: r.user.id, name: r.user.name, cityIds: [] };
    p.cityIds.push(r.cityId);
    byUser.set(r.user.id, p);
  }
  return [...byUser.values()];
}

export type { Principal };
