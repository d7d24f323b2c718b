import type { Db } from '../server/db/client.ts';
import type { Logger } from '../server/lib/logger.ts';
import type { RealtimePublisher } from '../server/lib/realtime-publisher.ts';
import type { NotificationEmails } from '../server/services/notifications/email-delivery.ts';
import type { NotificationFanout } from '../server/services/notifications/fanout.ts';
import type { TwinningReminders } from '../server/services/twinnings/reminders.ts';
import type { SearchEngine } from '../server/services/search/types.ts';
import type { JobName, ProcessorInput } from '../server/jobs/jobs.ts';

/** What a processor may use. Narrow on purpose: processors re-read rows by id and stay idempotent. */
export type ProcessorDeps = {
  db: Db;
  realtime: RealtimePublisher;
  logger: Logger;
  search: SearchEngine;
  fanout: NotificationFanout;
  emails: NotificationEmails;
  twinningReminders: Pick<TwinningReminders, 'fire'>;
  /** The clock (tests set it to run two digest periods without waiting). */
  now: () => Date;
};

/** Takes one payload, or every payload of the batch for a job the relay batches (`relayBatches`). */
export type Processor<N extends JobName> = (payload: ProcessorInput<N>, deps: ProcessorDeps, meta: { jobId: string; attempt: number }) => Promise<unknown>;

export type ProcessorMap = { [N in JobName]: Processor<N> };
