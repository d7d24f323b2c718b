import type { Processor } from '../processor.ts';
import { presentNotification } from '../../server/presenters/notification.presenter.ts';

/**
 * Inserts one notification per user; the (user, dedupeKey) unique key makes a rerun insert nothing,
 * and only rows inserted by this run are pushed, so nobody sees a notification twice.
 */
export const notificationCreate: Processor<'notification.create'> = async (payload, { db, realtime }) => {
  const users = await db.user.findMany({ where: { id: { in: payload.userIds } }, select: { id: true } });
  if (users.length === 0) return { created: 0 };
  const created = await db.notification.createManyAndReturn({
    data: users.map((u) => ({ userId: u.id, type: payload.type, payload: payload.payload as object, dedupeKey: payload.dedupeKey })),
    skipDuplicates: true,
  });
  for (const n of created) realtime.toUser(n.userId, 'notification:new', { notification: presentNotification(n) });
  return { created: created.length };
};
