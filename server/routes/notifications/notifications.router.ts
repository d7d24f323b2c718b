import express from 'express';
import type { ApiRegistry } from '../../http/route.ts';
import type { NotificationsService } from '../../services/notifications/notifications.service.ts';
import {
  listNotificationsQuery, notificationListResponse, notificationParams, notificationPreferencesSchema, notificationSchema, readAllResponse,
  unsubscribeQuery, unsubscribeResponse, updateNotificationPreferencesBody,
} from '../../contract/notifications.ts';
import { z } from 'zod';

const readResponse = z.object({ notification: notificationSchema, unreadCount: z.number().int() });

export function registerNotificationRoutes(api: ApiRegistry, { notifications }: { notifications: NotificationsService }) {
  api.route({
    method: 'get', path: '/api/notifications', tags: ['notifications'], summary: 'Your notifications, newest first, with the unread count',
    auth: 'required', query: listNotificationsQuery,
    responses: { 200: { description: 'A page of notifications', schema: notificationListResponse } },
    handler: async ({ actor, query }) => ({ body: await notifications.list(actor, query) }),
  });

  api.route({
    method: 'post', path: '/api/notifications/read-all', tags: ['notifications'], summary: 'Mark every notification of yours read',
    auth: 'required',
    responses: { 200: { description: 'How many changed', schema: readAllResponse } },
    handler: async ({ actor }) => ({ body: await notifications.markAllRead(actor) }),
  });

  api.route({
    method: 'post', path: '/api/notifications/:id/read', tags: ['notifications'], summary: 'Mark one notification read',
    auth: 'required', params: notificationParams,
    responses: { 200: { description: 'The notification', schema: readResponse }, 404: { description: 'Not one of yours' } },
    handler: async ({ actor, params }) => ({ body: await notifications.markRead(actor, params.id) }),
  });

  api.route({
    method: 'get', path: '/api/me/notification-preferences', tags: ['notifications'], summary: 'Your notification preferences (defaults filled in)',
    auth: 'required',
    responses: { 200: { description: 'Preferences', schema: notificationPreferencesSchema } },
    handler: async ({ actor }) => ({ body: await notifications.getPreferences(actor) }),
  });

  api.route({
    method: 'put', path: '/api/me/notification-preferences', tags: ['notifications'], summary: 'Change your e-mail cadence, time zone or per-type switches',
    auth: 'required', body: updateNotificationPreferencesBody,
    responses: { 200: { description: 'Preferences', schema: notificationPreferencesSchema } },
    handler: async ({ actor, body }) => ({ body: await notifications.updatePreferences(actor, body) }),
  });

  api.route({
    method: 'get', path: '/api/unsubscribe', tags: ['notifications'], summary: 'What an unsubscribe link turns off (changes nothing)',
    query: unsubscribeQuery,
    responses: { 200: { description: 'The type and whether it is already off', schema: unsubscribeResponse } },
    handler: async ({ query }) => ({ body: await notifications.describeUnsubscribe(query.token) }),
  });

  api.route({
    method: 'post', path: '/api/unsubscribe', tags: ['notifications'], summary: 'One-click unsubscribe (RFC 8058): turns that type\'s e-mail off, no sign-in',
    query: unsubscribeQuery,
    // mail providers POST `List-Unsubscribe=One-Click` as a form
    middleware: [express.urlencoded({ extended: false, limit: '4kb' })],
    responses: { 200: { description: 'Unsubscribed', schema: unsubscribeResponse } },
    handler: async ({ query }) => ({ body: await notifications.unsubscribe(query.token) }),
  });
}
