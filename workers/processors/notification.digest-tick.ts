import type { Processor } from '../processor.ts';

/** The scheduler's tick: queues a digest for every user whose 08:00 (their time zone) has come. */
export const notificationDigestTick: Processor<'notification.digest-tick'> = async (_payload, { emails, now }) => {
  const due = await emails.scheduleDueDigests(now());
  return { queued: due.length };
};
