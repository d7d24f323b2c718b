import type { Processor } from '../processor.ts';

/**
 * A batch of events (one relay chunk of outbox rows) → one notification per recipient and event under
 * (user, eventKey): a retried or replayed job inserts nothing new. Pushes `notification:new` after the
 * commit to each recipient's sockets on every node, then fails the job if some events could not be
 * written: BullMQ retries it (the written ones insert nothing then, and are pushed again, harmlessly:
 * clients keep notifications by id) and keeps it as a dead letter after the last attempt.
 */
export const notificationFanout: Processor<'notification.fanout'> = async (events, { fanout, realtime }) => {
  const { created, push, failed } = await fanout.run(events);
  for (const p of push) realtime.toUser(p.userId, 'notification:new', { notification: p.notification });
  if (failed.length) {
    const keys = failed.map((f) => f.eventKey);
    throw new AggregateError(failed.map((f) => f.error), `${failed.length} of ${events.length} events not written (${keys.slice(0, 10).join(', ')}${keys.length > 10 ? ', …' : ''}): ${String((failed[0].error as Error)?.message ?? failed[0].error)}`);
  }
  return { events: events.length, created, pushed: push.length };
};
