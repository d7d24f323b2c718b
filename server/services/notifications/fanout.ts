import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { NotificationType } from '../../contract/common.ts';
import type { JobPayload } from '../../jobs/jobs.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { presentNotification } from '../../presenters/notification.presenter.ts';
import { defaultPreferences, deliveryFor, type EmailMode, type StoredPreferences } from './preferences.ts';
import { resolveRecipients } from './recipients.ts';
import { subjectUrl } from './links.ts';

export type FanoutEvent = JobPayload<'notification.fanout'>;
type Push = { userId: string; notification: ReturnType<typeof presentNotification> };
export type FanoutResult = {
  created: number;
  push: Push[];
  /** Events that could not be written, each with its error (the others are written and pushed). */
  failed: { eventKey: string; error: unknown }[];
};
type Row = { id: string; user_id: string; type: string; payload: Record<string, unknown>; dedupe_key: string; in_app: boolean; email_mode: EmailMode };

/**
 * Events → one notification per recipient under (user, eventKey), with each recipient's channels
 * decided by their preferences. A batch costs the same few statements whatever its size: one recipient
 * query, one preference read, one INSERT … ON CONFLICT DO NOTHING RETURNING, and — when some rows are
 * e-mailed at once — their e-mail jobs (outbox) in the same transaction, so a crash never leaves a
 * notification whose e-mail was not queued. A rerun inserts nothing new and returns the rows that
 * already existed to be pushed again (the previous run may have died between its commit and its pushes).
 *
 * A batch that fails is written again event by event (when the database answers at all), so one bad
 * event never holds up the others; the ones that still fail are returned in `failed`.
 */
export function createNotificationFanout({ db, outbox }: { db: Db; outbox: Outbox }) {
  async function write(events: FanoutEvent[]): Promise<Omit<FanoutResult, 'failed'>> {
    const recipients = await resolveRecipients(db, events);
    const userIds = [...new Set(recipients.flatMap((r) => [...r.keys()]))];
    if (userIds.length === 0) return { created: 0, push: [] };
    const prefs = await preferencesOf(db, userIds);
    const rows: Row[] = [];
    events.forEach((event, i) => {
      const url = subjectUrl(event.subject, event.data);
      for (const [userId, reason] of recipients[i]) {
        const stored = prefs.get(userId);
        if (stored === undefined) continue; // no such user (any more)
        const { inApp, emailMode } = deliveryFor(stored ?? defaultPreferences(), event.type as NotificationType);
        if (!inApp && emailMode === 'none') continue;
        const payload = { ...event.data, subject: event.subject, url, reason, actorId: event.actorId };
        rows.push({ id: randomUUID(), user_id: userId, type: event.type, payload, dedupe_key: event.eventKey, in_app: inApp, email_mode: emailMode });
      }
    });
    if (rows.length === 0) return { created: 0, push: [] };
    // one order for every writer: concurrent batches that share rows wait for each other, never deadlock
    rows.sort((a, b) => (a.dedupe_key === b.dedupe_key ? cmp(a.user_id, b.user_id) : cmp(a.dedupe_key, b.dedupe_key)));
    // without instant e-mails the one INSERT is atomic by itself
    const created = !rows.some((r) => r.email_mode === 'instant') ? await insert(db, rows) : await db.$transaction(async (tx) => {
      const inserted = await insert(tx, rows);
      await outbox.addMany(tx, inserted.filter((n) => n.row.email_mode === 'instant')
        .map((n) => ({ job: 'notification.email' as const, payload: { notificationId: n.row.id }, key: n.row.id })));
      return inserted;
    });
    const push: Push[] = created.filter((n) => n.row.in_app).map(({ row, createdAt }) => ({
      userId: row.user_id, notification: presentNotification({ id: row.id, type: row.type, payload: row.payload, createdAt, readAt: null }),
    }));
    if (created.length < rows.length) {
      const made = new Set(created.map((n) => n.row.id));
      push.push(...await existing(db, rows.filter((r) => !made.has(r.id))));
    }
    return { created: created.length, push };
  }

  return {
    async run(batch: FanoutEvent[]): Promise<FanoutResult> {
      // the same event twice in one batch (a replay next to the original) is written once
      const events = [...new Map(batch.map((e) => [e.eventKey, e])).values()];
      try {
        return { ...(await write(events)), failed: [] };
      } catch (err) {
        // the database itself is away: the whole batch waits for the job's retry
        if (events.length === 1 || !(await reachable(db))) return { created: 0, push: [], failed: events.map((e) => ({ eventKey: e.eventKey, error: err })) };
        const result: FanoutResult = { created: 0, push: [], failed: [] };
        for (const event of events) {
          try {
            const one = await write([event]);
            result.created += one.created;
            result.push.push(...one.push);
          } catch (error) {
            result.failed.push({ eventKey: event.eventKey, error });
          }
        }
        return result;
      }
    },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each existing user's stored preferences, `null` for a user who never saved any. */
async function preferencesOf(db: Db, userIds: string[]) {
  const found = await db.$queryRaw<{ id: string; email: StoredPreferences['email'] | null; timezone: string | null; types: unknown }[]>`
    SELECT u.id, p.email::text AS email, p.timezone, p.types
    FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
    WHERE u.id = ANY(${userIds}::text[])`;
  return new Map(found.map((u) => [u.id, u.email === null ? null : { email: u.email, timezone: u.timezone!, types: u.types }]));
}

/** The rows that did not exist yet, with their creation time; one statement for the batch. */
async function insert(client: DbOrTx, rows: Row[]) {
  const inserted = await client.$queryRaw<{ id: string; created_at: Date }[]>`
    INSERT INTO notifications (id, user_id, type, payload, dedupe_key, in_app, email_mode)
    SELECT r.id, r.user_id, r.type, r.payload, r.dedupe_key, r.in_app, r.email_mode::"EmailMode"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(id text, user_id text, type text, payload jsonb, dedupe_key text, in_app boolean, email_mode text)
    ON CONFLICT (user_id, dedupe_key) DO NOTHING
    RETURNING id, created_at`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return inserted.map((n) => ({ row: byId.get(n.id)!, createdAt: n.created_at }));
}

/** The stored in-app rows of these (user, eventKey) pairs, as they are: pushed again on a rerun. */
async function existing(db: Db, rows: Row[]): Promise<Push[]> {
  const found = await db.$queryRaw<{ id: string; user_id: string; type: string; payload: unknown; created_at: Date; read_at: Date | null }[]>`
    SELECT n.id, n.user_id, n.type, n.payload, n.created_at, n.read_at
    FROM notifications n JOIN unnest(${rows.map((r) => r.user_id)}::text[], ${rows.map((r) => r.dedupe_key)}::text[]) AS k(user_id, dedupe_key)
      ON n.user_id = k.user_id AND n.dedupe_key = k.dedupe_key
    WHERE n.in_app`;
  return found.map((n) => ({ userId: n.user_id, notification: presentNotification({ id: n.id, type: n.type, payload: n.payload, createdAt: n.created_at, readAt: n.read_at }) }));
}

async function reachable(db: Db) {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

export type NotificationFanout = ReturnType<typeof createNotificationFanout>;
