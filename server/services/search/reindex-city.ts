import type { DbOrTx } from '../../db/client.ts';
import type { Outbox } from '../outbox/outbox.ts';

/**
 * Writes a `search.index-practice` job for every published practice of a city, in the caller's
 * transaction: search documents copy the city's networks (the `network` filter), so a change of its
 * memberships must reach them. `cause` names the change; the time makes a repeat of it a new job.
 */
export async function reindexCityPractices(tx: DbOrTx, outbox: Outbox, cityId: string, cause: string) {
  const practices = await tx.practice.findMany({ where: { cityId, status: 'published' }, select: { id: true, version: true } });
  const at = Date.now().toString(36);
  await outbox.addMany(tx, practices.map((p) => ({
    job: 'search.index-practice' as const,
    payload: { practiceId: p.id },
    key: `${p.id}-v${p.version}-${cause}-${at}`,
  })));
}
