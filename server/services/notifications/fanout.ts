import type { Db } from '../../db/client.ts';
import type { NotificationType } from '../../contract/common.ts';
import type { JobPayload } from '../../jobs/jobs.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { presentNotification } from '../../presenters/notification.presenter.ts';
import { defaultPreferences, deliveryFor } from './preferences.ts';
import { resolveRecipients } from './recipients.ts';
import { subjectUrl } from './links.ts';

export type FanoutEvent = JobPayload<'notification.fanout'>;
type Push = { userId: string; notification: ReturnType<typeof presentNotification> };
export type FanoutResult = { created: number; push: Push[] };
type Pending = { event: FanoutEvent; resolve: (r: FanoutResult) => void; reject: (e: unknown) => void };

/**
 * One event → one notification per recipient under (user, eventKey), with each recipient's channels
 * decided by their preferences. The rows and their instant e-mail jobs (outbox) commit together, so a
 * crash never leaves a notification whose e-mail was not queued; a rerun inserts nothing new.
 *
 * Events that arrive together (concurrent fan-out jobs) are written together: one preference read, one
 * insert and one outbox write for the whole group, each job still completing or failing on its own. A
 * group that fails is retried event by event, so one bad event never fails the others.
 */
export function createNotificationFanout({ db, outbox, maxBatch = 200 }: { db: Db; outbox: Outbox; maxBatch?: number }) {
  const pending: Pending[] = [];
  let scheduled = false;
  // at most two groups write at once; what arrives meanwhile waits and goes in the next group
  let writing = 0;
  const MAX_WRITING = 2;

  async function write(events: FanoutEvent[]): Promise<FanoutResult[]> {
    const recipients = await Promise.all(events.map((e) => resolveRecipients(db, e.recipients, e.actorId)));
    const userIds = [...new Set(recipients.flatMap((r) => [...r.keys()]))];
    if (userIds.length === 0) return events.map(() => ({ created: 0, push: [] }));
    const users = new Map((await db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, notificationPref: { select: { email: true, timezone: true, types: true } } },
    })).map((u) => [u.id, u]));
    const perEvent = events.map((event, i) => {
      const url = subjectUrl(event.subject, event.data);
      return [...recipients[i]].flatMap(([userId, reason]) => {
        const user = users.get(userId);
        if (!user) return [];
        const { inApp, emailMode } = deliveryFor(user.notificationPref ?? defaultPreferences(), event.type as NotificationType);
        if (!inApp && emailMode === 'none') return [];
        const payload = { ...event.data, subject: event.subject, url, reason, actorId: event.actorId };
        return [{ userId, type: event.type, payload: payload as object, dedupeKey: event.eventKey, inApp, emailMode }];
      });
    });
    const rows = perEvent.flat();
    const insert = (client: Pick<Db, 'notification'>) => client.notification.createManyAndReturn({ data: rows, skipDuplicates: true });
    // rows and their e-mail jobs commit together; without instant e-mails the one INSERT is atomic by itself
    const created = rows.length === 0 ? [] : !rows.some((r) => r.emailMode === 'instant') ? await insert(db) : await db.$transaction(async (tx) => {
      const inserted = await insert(tx);
      const instant = inserted.filter((n) => n.emailMode === 'instant');
      await outbox.addMany(tx, instant.map((n) => ({ job: 'notification.email' as const, payload: { notificationId: n.id }, key: n.id })));
      return inserted;
    });
    const byKey = new Map<string, typeof created>();
    for (const n of created) byKey.set(n.dedupeKey, [...(byKey.get(n.dedupeKey) ?? []), n]);
    return Promise.all(events.map(async (event, i) => {
      const mine = byKey.get(event.eventKey) ?? [];
      // Some existed: a rerun after a crash between commit and push. Push them again (clients keep
      // notifications by id), so no one misses the live update.
      const pushed = mine.length < perEvent[i].length
        ? await db.notification.findMany({ where: { dedupeKey: event.eventKey, userId: { in: perEvent[i].map((r) => r.userId) }, inApp: true } })
        : mine.filter((n) => n.inApp);
      return { created: mine.length, push: pushed.map((n) => ({ userId: n.userId, notification: presentNotification(n) })) };
    }));
  }

  function schedule() {
    if (scheduled || writing >= MAX_WRITING || pending.length === 0) return;
    scheduled = true;
    setImmediate(() => void flush());
  }

  async function flush() {
    scheduled = false;
    const group = pending.splice(0, maxBatch);
    if (group.length === 0) return;
    writing++;
    // the same event twice in one group (a replay next to the original) is written once, answered twice
    const unique = [...new Map(group.map((p) => [p.event.eventKey, p.event])).values()];
    try {
      const results = await write(unique);
      const byKey = new Map(unique.map((e, i) => [e.eventKey, results[i]]));
      for (const p of group) p.resolve(byKey.get(p.event.eventKey)!);
    } catch (err) {
      if (group.length === 1) group[0].reject(err);
      else await Promise.all(group.map((p) => write([p.event]).then(([r]) => p.resolve(r), p.reject)));
    } finally {
      writing--;
      schedule();
    }
  }

  return {
    run(event: FanoutEvent): Promise<FanoutResult> {
      return new Promise((resolve, reject) => {
        pending.push({ event, resolve, reject });
        schedule();
      });
    },
  };
}

export type NotificationFanout = ReturnType<typeof createNotificationFanout>;
