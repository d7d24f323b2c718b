import { type z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { NotificationType } from '../../contract/common.ts';
import type { listNotificationsQuery, updateNotificationPreferencesBody } from '../../contract/notifications.ts';
import { notFound, unauthorized, badRequest } from '../../lib/errors.ts';
import { decodeCursor, paginate, timeIdCursor } from '../../lib/pagination.ts';
import { assert } from '../../policies/assert.ts';
import { notificationPolicy } from '../../policies/notification.policy.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { presentNotification } from '../../presenters/notification.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { defaultPreferences, presentPreferences, switchesFor } from './preferences.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';

export type ListNotificationsInput = z.output<typeof listNotificationsQuery>;
export type UpdatePreferencesInput = z.output<typeof updateNotificationPreferencesBody>;

const cursorKey = timeIdCursor;

/** A user's own notifications (in-app list, read state) and preferences; unsubscribe by signed token. */
export function createNotificationsService({ db, unsubscribeSecret }: { db: Db; unsubscribeSecret: string }) {
  const unreadCount = (userId: string) => db.notification.count({ where: { userId, inApp: true, readAt: null } });

  async function storedPreferences(userId: string) {
    return (await db.notificationPreference.findUnique({ where: { userId } })) ?? defaultPreferences();
  }

  return {
    async list(actor: Actor, q: ListNotificationsInput) {
      const after = decodeCursor(q.cursor, cursorKey);
      const where: Prisma.NotificationWhereInput = {
        userId: actor.userId,
        inApp: true,
        ...(q.unread ? { readAt: null } : {}),
        ...(after ? { OR: [{ createdAt: { lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { lt: after[1] } }] } : {}),
      };
      const [rows, count] = await Promise.all([
        db.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: q.limit + 1 }),
        unreadCount(actor.userId),
      ]);
      const page = paginate(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
      return { items: page.items.map(presentNotification), unreadCount: count, nextCursor: page.nextCursor };
    },

    async markRead(actor: Actor, id: string) {
      const n = await db.notification.findUnique({ where: { id } });
      // someone else's notification is as absent as a missing one
      if (!n || !n.inApp || !notificationPolicy.canRead(await loadPrincipal(db, actor), n)) throw notFound('Notification');
      const row = n.readAt ? n : await db.notification.update({ where: { id }, data: { readAt: new Date() } });
      return { notification: presentNotification(row), unreadCount: await unreadCount(actor.userId) };
    },

    async markAllRead(actor: Actor) {
      const { count } = await db.notification.updateMany({ where: { userId: actor.userId, readAt: null }, data: { readAt: new Date() } });
      return { updated: count, unreadCount: await unreadCount(actor.userId) };
    },

    async getPreferences(actor: Actor) {
      return presentPreferences(await storedPreferences(actor.userId));
    },

    async updatePreferences(actor: Actor, input: UpdatePreferencesInput) {
      const current = await storedPreferences(actor.userId);
      const types: Record<string, { inApp: boolean; email: boolean }> = {};
      for (const [type, patch] of Object.entries(input.types ?? {})) {
        types[type] = { ...switchesFor(current.types, type as NotificationType), ...patch };
      }
      const merged = { ...(current.types as object), ...types };
      const data = { email: input.email ?? current.email, timezone: input.timezone ?? current.timezone, types: merged };
      const saved = await db.notificationPreference.upsert({ where: { userId: actor.userId }, create: { userId: actor.userId, ...data }, update: data });
      return presentPreferences(saved);
    },

    /** What a token would turn off, for the confirmation page (no change). */
    async describeUnsubscribe(token: string) {
      const t = verifyUnsubscribeToken(unsubscribeSecret, token);
      if (!t) throw badRequest('This unsubscribe link is not valid', [{ path: 'token', message: 'Invalid or altered token' }]);
      const prefs = await storedPreferences(t.userId);
      const unsubscribed = t.scope === 'all' ? prefs.email === 'off' : !switchesFor(prefs.types, t.scope).email;
      return { type: t.scope, unsubscribed };
    },

    /** One-click unsubscribe (RFC 8058): no session, the signed token names the user and the type. */
    async unsubscribe(token: string) {
      const t = verifyUnsubscribeToken(unsubscribeSecret, token);
      if (!t) throw badRequest('This unsubscribe link is not valid', [{ path: 'token', message: 'Invalid or altered token' }]);
      const user = await db.user.findUnique({ where: { id: t.userId }, select: { id: true } });
      if (!user) throw notFound('User');
      const current = await storedPreferences(t.userId);
      const data = t.scope === 'all'
        ? { email: 'off' as const }
        : { types: { ...(current.types as object), [t.scope]: { ...switchesFor(current.types, t.scope), email: false } } };
      await db.notificationPreference.upsert({ where: { userId: t.userId }, create: { userId: t.userId, ...data }, update: data });
      return { type: t.scope, unsubscribed: true };
    },

    /** 401 anonymous, 403 signed in but not a platform admin. */
    async assertCanSeeQueues(actor: Actor | null) {
      if (!actor) throw unauthorized();
      assert(notificationPolicy.canSeeQueues(await loadPrincipal(db, actor)), 'Only platform admins see the job queues');
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
