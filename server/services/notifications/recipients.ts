import type { DbOrTx } from '../../db/client.ts';
import type { Recipient } from '../../jobs/jobs.ts';

/**
 * The users a notification goes to, as they are now, without the person who caused it; each with the
 * reason (the first recipient role that matched them), which e-mails state.
 */
export async function resolveRecipients(db: DbOrTx, recipients: Recipient[], actorId: string | null): Promise<Map<string, Recipient['kind']>> {
  const found = new Map<string, Recipient['kind']>();
  const add = (userId: string, kind: Recipient['kind']) => {
    if (!found.has(userId)) found.set(userId, kind);
  };
  for (const r of recipients) {
    if (r.kind === 'user') add(r.userId, r.kind);
    else if (r.kind === 'city_focal_points' || r.kind === 'city_members') {
      const rows = await db.cityMembership.findMany({
        where: { cityId: r.cityId, ...(r.kind === 'city_focal_points' ? { role: 'focal_point' as const } : {}) },
        select: { userId: true },
      });
      rows.forEach((m) => add(m.userId, r.kind));
    } else {
      const rows = await db.networkManager.findMany({
        where: r.kind === 'network_managers' ? { networkId: r.networkId } : { network: { cities: { some: { cityId: r.cityId } } } },
        select: { userId: true },
      });
      rows.forEach((m) => add(m.userId, r.kind));
    }
  }
  if (actorId) found.delete(actorId);
  return found;
}
