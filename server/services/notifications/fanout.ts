import type { Db } from '../../db/client.ts';
import type { NotificationType } from '../../contract/common.ts';
import type { JobPayload } from '../../jobs/jobs.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { presentNotification } from '../../presenters/notification.presenter.ts';
import { defaultPreferences, deliveryFor } from './preferences.ts';
import { resolveRecipients } from './recipients.ts';
import { subjectUrl } from './links.ts';

export type FanoutEvent = JobPayload<'notification.fanout'>;

/**
 * One event → one notification per recipient under (user, eventKey), with each recipient's channels
 * decided by their preferences. The rows and their instant e-mail jobs (outbox) commit together, so a
 * crash never leaves a notification whose e-mail was not queued; a rerun inserts nothing new.
 */
export function createNotificationFanout({ db, outbox }: { db: Db; outbox: Outbox }) {
  return {
    async run(event: FanoutEvent) {
      const reasons = await resolveRecipients(db, event.recipients, event.actorId);
      if (reasons.size === 0) return { created: 0, push: [] };
      const users = await db.user.findMany({
        where: { id: { in: [...reasons.keys()] } },
        select: { id: true, notificationPref: { select: { email: true, timezone: true, types: true } } },
      });
      const url = subjectUrl(event.subject, event.data);
      const rows = users.flatMap((u) => {
        const { inApp, emailMode } = deliveryFor(u.notificationPref ?? defaultPreferences(), event.type as NotificationType);
        if (!inApp && emailMode === 'none') return [];
        const payload = { ...event.data, subject: event.subject, url, reason: reasons.get(u.id), actorId: event.actorId };
        return [{ userId: u.id, type: event.type, payload: payload as object, dedupeKey: event.eventKey, inApp, emailMode }];
      });
      if (rows.length === 0) return { created: 0, push: [] };
      const created = await db.$transaction(async (tx) => {
        const inserted = await tx.notification.createManyAndReturn({ data: rows, skipDuplicates: true });
        const instant = inserted.filter((n) => n.emailMode === 'instant');
        if (instant.length) {
          await outbox.addMany(tx, instant.map((n) => ({ job: 'notification.email' as const, payload: { notificationId: n.id }, key: n.id })));
        }
        return inserted;
      });
      // Some existed: a rerun after a crash between commit and push. Push them again (clients keep
      // notifications by id), so no one misses the live update.
      const pushed = created.length < rows.length
        ? await db.notification.findMany({ where: { dedupeKey: event.eventKey, userId: { in: rows.map((r) => r.userId) }, inApp: true } })
        : created.filter((n) => n.inApp);
      return { created: created.length, push: pushed.map((n) => ({ userId: n.userId, notification: presentNotification(n) })) };
    },
  };
}

export type NotificationFanout = ReturnType<typeof createNotificationFanout>;
