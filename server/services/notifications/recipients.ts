import type { DbOrTx } from '../../db/client.ts';
import type { Recipient } from '../../jobs/jobs.ts';

/** The users a notification goes to, as they are now, without the person who caused it. */
export async function resolveRecipients(db: DbOrTx, recipients: Recipient[], actorId: string | null): Promise<string[]> {
  const ids = new Set<string>();
  for (const r of recipients) {
    if (r.kind === 'user') ids.add(r.userId);
    else if (r.kind === 'city_focal_points' || r.kind === 'city_members') {
      const rows = await db.cityMembership.findMany({
        where: { cityId: r.cityId, ...(r.kind === 'city_focal_points' ? { role: 'focal_point' as const } : {}) },
        select: { userId: true },
      });
      rows.forEach((m) => ids.add(m.userId));
    } else {
      const rows = await db.networkManager.findMany({
        where: r.kind === 'network_managers' ? { networkId: r.networkId } : { network: { cities: { some: { cityId: r.cityId } } } },
        select: { userId: true },
      });
      rows.forEach((m) => ids.add(m.userId));
    }
  }
  if (actorId) ids.delete(actorId);
  return [...ids];
}
