import type { Principal } from './principal.ts';

/** Notifications and their preferences are private to their recipient; the queue dashboard is for platform admins. */
export const notificationPolicy = {
  canRead: (p: Principal, notification: { userId: string }) => p.userId === notification.userId,
  canSeeQueues: (p: Principal) => p.isAdmin,
};
