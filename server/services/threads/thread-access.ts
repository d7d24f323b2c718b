import type { DbOrTx } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import type { Principal } from '../../policies/principal.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { loadPrincipal, principalColumns, principalFrom, type PrincipalRow } from '../auth/principal.ts';
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
 * The hot path (posting, joining, reading): only what the policy needs and the actor's principal, in
 * one statement. With `members`, also every member of the thread's cities (the participants: who hears
 * of a post, who can be mentioned). 404 like `requireReadable`.
 */
export async function requireReadableFacts(db: DbOrTx, actor: Actor, threadId: string, { members = false } = {}) {
  const rows = await db.$queryRaw<(PrincipalRow & { id: string; title: string; last_seq: number; city_ids: string[]; network_ids: string[]; member_ids?: string[] })[]>`
    SELECT t.id, t.title, t.last_seq,
      ARRAY(SELECT tc.city_id FROM thread_cities tc WHERE tc.thread_id = t.id) AS city_ids,
      ARRAY(SELECT DISTINCT nc.network_id FROM thread_cities tc JOIN network_cities nc ON nc.city_id = tc.city_id WHERE tc.thread_id = t.id) AS network_ids,
      ${members ? Prisma.sql`ARRAY(SELECT DISTINCT cm.user_id FROM thread_cities tc JOIN city_memberships cm ON cm.city_id = tc.city_id WHERE tc.thread_id = t.id) AS member_ids,` : Prisma.empty}
      ${principalColumns(actor.userId)}
    FROM threads t
    WHERE t.id = ${threadId}`;
  const row = rows[0];
  if (!row) throw notFound('Thread');
  const principal = principalFrom(actor, row);
  const facts: ThreadFacts = { cityIds: row.city_ids, cityNetworkIds: row.network_ids };
  if (!threadPolicy.canRead(principal, facts)) throw notFound('Thread');
  return { thread: { id: row.id, title: row.title, lastSeq: row.last_seq }, principal, facts, memberIds: row.member_ids ?? [] };
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
