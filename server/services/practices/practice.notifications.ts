import type { Tx } from '../../db/client.ts';
import type { Recipient } from '../../jobs/jobs.ts';
import type { NotificationType } from '../../contract/common.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { Transition } from './practice.workflow.ts';

/** The review workflow's notifications: submitted → the city's reviewers; published or returned → the author. */
const REVIEW_EVENTS: Partial<Record<Transition, { type: NotificationType; to: (p: { cityId: string; authorId: string }) => Recipient }>> = {
  submit: { type: 'practice.submitted', to: (p) => ({ kind: 'city_network_managers', cityId: p.cityId }) },
  publish: { type: 'practice.published', to: (p) => ({ kind: 'user', userId: p.authorId }) },
  return: { type: 'practice.returned', to: (p) => ({ kind: 'user', userId: p.authorId }) },
};

/** Writes the transition's `notification.fanout` row in the transaction of the transition itself. */
export async function notifyReview(tx: Tx, outbox: Outbox, transition: Transition, actorId: string, practice: {
  id: string; version: number; cityId: string; authorId: string; title: string; city: { name: string };
}, comment?: string) {
  const event = REVIEW_EVENTS[transition];
  if (!event) return;
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { name: true } });
  const eventKey = `practice-${practice.id}-v${practice.version}-${event.type}`;
  await outbox.add(tx, {
    job: 'notification.fanout',
    key: eventKey,
    payload: {
      type: event.type, eventKey, actorId,
      subject: { kind: 'practice', id: practice.id },
      recipients: [event.to(practice)],
      data: { title: practice.title, cityName: practice.city.name, actorName: actor?.name ?? null, ...(comment ? { comment } : {}) },
    },
  });
}
