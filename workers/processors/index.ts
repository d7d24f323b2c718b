import type { ProcessorMap } from '../processor.ts';
import { notificationDigestTick } from './notification.digest-tick.ts';
import { notificationDigest } from './notification.digest.ts';
import { notificationEmail } from './notification.email.ts';
import { notificationFanout } from './notification.fanout.ts';
import { searchIndexPractice } from './search.index-practice.ts';
import { twinningReminder } from './twinning.reminder.ts';

/** The processor of every job in server/jobs/jobs.ts; the type makes a missing one a compile error too. */
export const processors: ProcessorMap = {
  'notification.fanout': notificationFanout,
  'notification.email': notificationEmail,
  'notification.digest': notificationDigest,
  'notification.digest-tick': notificationDigestTick,
  'search.index-practice': searchIndexPractice,
  'twinning.reminder': twinningReminder,
};
