import type { ProcessorMap } from '../processor.ts';
import { notificationCreate } from './notification.create.ts';
import { notificationFanout } from './notification.fanout.ts';
import { searchIndexPractice } from './search.index-practice.ts';

/** The processor of every job in server/jobs/jobs.ts; the type makes a missing one a compile error too. */
export const processors: ProcessorMap = {
  'notification.fanout': notificationFanout,
  'notification.create': notificationCreate,
  'search.index-practice': searchIndexPractice,
};
