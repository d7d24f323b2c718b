import { z } from 'zod';
import { localeSchema, userSchema } from './auth.ts';
import { MEMBER_ROLES } from './common.ts';
import { timezoneSchema } from './notifications.ts';

export const meResponse = z.object({
  user: userSchema,
  /**
   * IANA time zone. One source of truth: the notification preferences' `timezone` (digests are sent at
   * 08:00 in it); `PATCH /api/me` and `PUT /api/me/notification-preferences` write the same value.
   */
  timezone: z.string(),
  cities: z.array(z.object({ id: z.string(), name: z.string(), country: z.string().nullable(), role: z.enum(MEMBER_ROLES) })),
  managedNetworks: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
});

/** A partial update of the profile: only what is given changes. */
export const updateMeBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: localeSchema.optional(),
  timezone: timezoneSchema.optional(),
}).strict();

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10, 'Password must be at least 10 characters').max(256),
}).strict();

export type Me = z.output<typeof meResponse>;
export type UpdateMe = z.input<typeof updateMeBody>;
