import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  payload: z.unknown(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
}).meta({ id: 'Notification' });

export type Notification = z.output<typeof notificationSchema>;
