import type { Db } from '../../db/client.ts';
import type { NotificationType } from '../../contract/common.ts';
import type { Recipient } from '../../jobs/jobs.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { Mailer, OutgoingMail } from '../mail/mailer.ts';
import { languageOf, renderDigest, renderInstant, type MailItem } from '../mail/render.ts';
import { latestSlot } from './digest-slots.ts';
import { defaultPreferences, switchesFor } from './preferences.ts';
import { createUnsubscribeToken, type UnsubscribeScope } from './unsubscribe-token.ts';

export const REASON_HEADER = 'X-Charter-Notification-Reason';

/**
 * Sends notification e-mails: one at once (instant), or a user's digest of one slot. A notification is
 * marked `emailedAt` once an e-mail carried it, so no digest repeats it and no retry resends what was sent.
 */
export function createNotificationEmails({ db, mailer, outbox, publicUrl, secret }: {
  db: Db;
  mailer: Mailer;
  outbox: Outbox;
  publicUrl: string;
  secret: string;
}) {
  const host = new URL(publicUrl).hostname || 'localhost';
  const unsubscribe = (userId: string, scope: UnsubscribeScope) => {
    const token = createUnsubscribeToken(secret, userId, scope);
    return {
      // the one-click POST endpoint (RFC 8058) and the page a person lands on from the body link
      oneClick: new URL(`/api/unsubscribe?token=${token}`, publicUrl).toString(),
      page: new URL(`/unsubscribe?token=${token}`, publicUrl).toString(),
    };
  };
  const common = (user: { id: string; name: string; locale: string }, scope: UnsubscribeScope) => {
    const links = unsubscribe(user.id, scope);
    return {
      links,
      ctx: { name: user.name, lang: languageOf(user.locale), unsubscribeUrl: links.page, preferencesUrl: new URL('/settings/notifications', publicUrl).toString(), publicUrl },
    };
  };
  const headers = (oneClick: string, reason: string) => ({
    'List-Unsubscribe': `<${oneClick}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    [REASON_HEADER]: reason,
    'Auto-Submitted': 'auto-generated',
  });

  return {
    mailEnabled: mailer.enabled,

    /** The instant e-mail of one notification; nothing when already sent or no longer wanted. */
    async sendInstant(notificationId: string) {
      const n = await db.notification.findUnique({
        where: { id: notificationId },
        include: { user: { select: { id: true, email: true, name: true, locale: true, notificationPref: true } } },
      });
      if (!n || n.emailedAt || n.emailMode !== 'instant' || !mailer.enabled) return { sent: false };
      // preferences may have changed since the notification was created: honour an unsubscribe meanwhile
      const prefs = n.user.notificationPref ?? defaultPreferences();
      if (prefs.email === 'off' || !switchesFor(prefs.types, n.type as NotificationType).email) return { sent: false };
      const type = n.type as NotificationType;
      const payload = n.payload as Record<string, unknown>;
      const reason = (typeof payload.reason === 'string' ? payload.reason : 'user') as Recipient['kind'];
      const { links, ctx } = common(n.user, type);
      const rendered = renderInstant({ ...ctx, item: { type, payload }, reason });
      const mail: OutgoingMail = { to: n.user.email, ...rendered, messageId: `<notification.${n.id}@${host}>`, headers: headers(links.oneClick, reason) };
      await mailer.send(mail);
      await db.notification.update({ where: { id: n.id }, data: { emailedAt: new Date() } });
      return { sent: true };
    },

    /**
     * Users whose digest slot has come and who have something new for it: each gets a
     * `notification.digest` job (outbox, keyed by user and slot: a second tick in the period adds nothing).
     */
    async scheduleDueDigests(now: Date) {
      const candidates = await db.notificationPreference.findMany({
        where: { email: { in: ['daily', 'weekly'] } },
        select: { userId: true, email: true, timezone: true, digestWatermark: true },
      });
      const pending = new Set((await db.notification.groupBy({
        by: ['userId'],
        where: { emailMode: 'digest', emailedAt: null, userId: { in: candidates.map((c) => c.userId) } },
      })).map((r) => r.userId));
      // users who never saved preferences have the default cadence (daily, UTC)
      const defaults = await db.notification.groupBy({ by: ['userId'], where: { emailMode: 'digest', emailedAt: null, user: { notificationPref: null } } });
      const due = [
        ...candidates.filter((c) => pending.has(c.userId)).map((c) => ({ userId: c.userId, cadence: c.email as 'daily' | 'weekly', tz: c.timezone, watermark: c.digestWatermark })),
        ...defaults.map((d) => ({ userId: d.userId, cadence: 'daily' as const, tz: 'UTC', watermark: null })),
      ].flatMap((u) => {
        const slot = latestSlot(now, u.tz, u.cadence);
        return !u.watermark || slot > u.watermark ? [{ userId: u.userId, slot: slot.toISOString() }] : [];
      });
      await outbox.addMany(db, due.map((d) => ({ job: 'notification.digest' as const, payload: d, key: `${d.userId}-${d.slot}` })));
      return due;
    },

    /**
     * One user's digest for `slot`: claims (in one transaction) every digest notification created up to
     * the slot that no e-mail carried yet, records the digest and moves the watermark; then sends it. A
     * rerun finds the recorded digest and sends it if it was not sent; nothing new → nothing sent.
     */
    async sendDigest(userId: string, slotIso: string) {
      const slot = new Date(slotIso);
      const digest = await db.$transaction(async (tx) => {
        const existing = await tx.digestEmail.findUnique({ where: { userId_slot: { userId, slot } } });
        if (existing) return existing;
        await tx.notificationPreference.upsert({ where: { userId }, create: { userId }, update: {} });
        // lock the preference row: two runs of the same user serialise here, the second sees the watermark
        await tx.$queryRaw`SELECT 1 FROM notification_preferences WHERE user_id = ${userId} FOR UPDATE`;
        const prefs = await tx.notificationPreference.findUniqueOrThrow({ where: { userId } });
        const again = await tx.digestEmail.findUnique({ where: { userId_slot: { userId, slot } } });
        if (again) return again;
        if (prefs.digestWatermark && prefs.digestWatermark >= slot) return null;
        const rows = await tx.notification.findMany({
          where: { userId, emailMode: 'digest', emailedAt: null, createdAt: { lte: slot } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, type: true },
        });
        const wanted = prefs.email === 'daily' || prefs.email === 'weekly'
          ? rows.filter((r) => switchesFor(prefs.types, r.type as NotificationType).email)
          : [];
        await tx.notificationPreference.update({ where: { userId }, data: { digestWatermark: slot } });
        if (wanted.length === 0) return null;
        await tx.notification.updateMany({ where: { id: { in: wanted.map((r) => r.id) } }, data: { emailedAt: new Date() } });
        return tx.digestEmail.create({ data: { userId, slot, notificationIds: wanted.map((r) => r.id) } });
      });
      if (!digest || digest.sentAt || !mailer.enabled) return { sent: false, count: 0 };
      const [user, items] = await Promise.all([
        db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, locale: true, notificationPref: true } }),
        db.notification.findMany({ where: { id: { in: digest.notificationIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      ]);
      const cadence = user.notificationPref?.email === 'weekly' ? 'weekly' : 'daily';
      const { links, ctx } = common(user, 'all');
      const rendered = renderDigest({ ...ctx, cadence, items: items.map((n): MailItem => ({ type: n.type as NotificationType, payload: n.payload as Record<string, unknown> })) });
      await mailer.send({ to: user.email, ...rendered, messageId: `<digest.${digest.id}@${host}>`, headers: headers(links.oneClick, `digest-${cadence}`) });
      await db.digestEmail.update({ where: { id: digest.id }, data: { sentAt: new Date() } });
      return { sent: true, count: items.length };
    },

    /** For tests and the scheduler: the slot a user's digest would have now. */
    latestSlot,
  };
}

export type NotificationEmails = ReturnType<typeof createNotificationEmails>;
