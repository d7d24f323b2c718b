import { presentNotification } from '../../server/presenters/notification.presenter.ts';
import { resolveRecipients } from '../../server/services/notifications/recipients.ts';
import type { Processor } from '../processor.ts';

/**
 * One event → one notification per recipient, keyed by the event: (user, eventKey) is unique, so a
 * retried or replayed job inserts nothing new and pushes only what it inserted.
 */
export const notificationFanout: Processor<'notification.fanout'> = async (event, { db, realtime }) => {
  const userIds = await resolveRecipients(db, event.recipients, event.actorId);
  if (userIds.length === 0) return { created: 0 };
  const payload = { ...event.data, subject: event.subject, actorId: event.actorId };
  const created = await db.notification.createManyAndReturn({
    data: userIds.map((userId) => ({ userId, type: event.type, payload: payload as object, dedupeKey: event.eventKey })),
    skipDuplicates: true,
  });
  for (const n of created) realtime.toUser(n.userId, 'notification:new', { notification: presentNotification(n) });
  return { created: created.length };
};
