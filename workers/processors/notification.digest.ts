import type { Processor } from '../processor.ts';

/** Sends one user's digest of one slot (claimed once, sent until it succeeds). */
export const notificationDigest: Processor<'notification.digest'> = async ({ userId, slot }, { emails }) =>
  emails.sendDigest(userId, slot);
