import type { NotificationType } from '../contract/common.ts';
import type { notificationSchema } from '../contract/notifications.ts';
import type { z } from 'zod';

type NotificationRow = { id: string; type: string; payload: unknown; createdAt: Date; readAt: Date | null };

export const presentNotification = (n: NotificationRow): z.output<typeof notificationSchema> => ({
  id: n.id,
  type: n.type as NotificationType,
  payload: n.payload as z.output<typeof notificationSchema>['payload'],
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});
