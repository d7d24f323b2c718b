import type { Processor } from '../processor.ts';

/** Sends one notification's instant e-mail; an SMTP error fails the job and BullMQ retries it with backoff. */
export const notificationEmail: Processor<'notification.email'> = async ({ notificationId }, { emails }) =>
  emails.sendInstant(notificationId);
