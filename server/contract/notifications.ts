import { z } from 'zod';
import { emailCadenceSchema, NOTIFICATION_TYPES, notificationTypeSchema, type NotificationType } from './common.ts';
import { cursorSchema, limitSchema } from './pagination.ts';

/** What a notification is about; `url` is the client path of that thing, built by the server. */
export const notificationPayloadSchema = z
  .object({
    subject: z.object({ kind: z.string(), id: z.string() }),
    url: z.string(),
    /** Why the reader got it: the recipient role that matched (user, city_focal_points, …). */
    reason: z.string(),
    actorId: z.string().nullable(),
  })
  .catchall(z.unknown());

export const notificationSchema = z
  .object({
    id: z.string(),
    type: notificationTypeSchema,
    payload: notificationPayloadSchema,
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

export const listNotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const notificationListResponse = z.object({
  items: z.array(notificationSchema),
  unreadCount: z.number().int().min(0),
  nextCursor: z.string().nullable(),
});

export const notificationParams = z.object({ id: z.string().min(1).max(64) });
export const readAllResponse = z.object({ updated: z.number().int().min(0), unreadCount: z.number().int().min(0) });

export const typeSwitchesSchema = z.object({ inApp: z.boolean(), email: z.boolean() });

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const timezoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'Not an IANA time zone, e.g. "Europe/Rome"');

/** Full, effective preferences: every type listed with its switches (defaults filled in). */
export const notificationPreferencesSchema = z
  .object({
    email: emailCadenceSchema,
    timezone: z.string(),
    // an object with one property per type (not a record), so the OpenAPI document names each one
    types: z.object(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, typeSwitchesSchema])) as Record<NotificationType, typeof typeSwitchesSchema>),
    /** Types e-mailed at once whatever the cadence (decisions addressed to you), unless their e-mail is off. */
    instantTypes: z.array(notificationTypeSchema),
  })
  .meta({ id: 'NotificationPreferences' });

/** A partial update: only what is given changes; `types` merges per type. */
export const updateNotificationPreferencesBody = z.object({
  email: emailCadenceSchema.optional(),
  timezone: timezoneSchema.optional(),
  types: z.partialRecord(z.enum(NOTIFICATION_TYPES), typeSwitchesSchema.partial()).optional(),
});

export const unsubscribeQuery = z.object({ token: z.string().min(10).max(1000) });
export const unsubscribeResponse = z.object({
  /** The type whose e-mail is now off, or `all` (a digest's link turns the digest off). */
  type: z.union([notificationTypeSchema, z.literal('all')]),
  unsubscribed: z.boolean(),
});

export type Notification = z.output<typeof notificationSchema>;
export type NotificationList = z.output<typeof notificationListResponse>;
export type NotificationPreferences = z.output<typeof notificationPreferencesSchema>;
export type NotificationPreferencesUpdate = z.input<typeof updateNotificationPreferencesBody>;
export type UnsubscribeResult = z.output<typeof unsubscribeResponse>;
