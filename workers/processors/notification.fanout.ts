import type { Processor } from '../processor.ts';

/**
 * One event → one notification per recipient under (user, eventKey): a retried or replayed job inserts
 * nothing new. Pushes `notification:new` after the commit to each recipient's sockets on every node.
 */
export const notificationFanout: Processor<'notification.fanout'> = async (event, { fanout, realtime }) => {
  const { created, push } = await fanout.run(event);
  for (const p of push) realtime.toUser(p.userId, 'notification:new', { notification: p.notification });
  return { created, pushed: push.length };
};
