import type { Processor } from '../processor.ts';

/** One scheduled reminder: the service re-reads the plan, so a moved or cancelled item is skipped. */
export const twinningReminder: Processor<'twinning.reminder'> = (payload, { twinningReminders, now }) =>
  twinningReminders.fire(payload, now());
