import type { NotificationType } from '../../contract/common.ts';
import type { Tx } from '../../db/client.ts';
import type { Recipient } from '../../jobs/jobs.ts';
import type { Outbox } from '../outbox/outbox.ts';

export type NotifyFacts = {
  id: string;
  /** the version after the move: with the type, unique per cause */
  version: number;
  fromCityId: string;
  toCityId: string;
  fromCityName: string;
  toCityName: string;
  /** the brokering manager of a proposal (notified of every step), else null */
  brokerId: string | null;
};

const focal = (cityId: string): Recipient => ({ kind: 'city_focal_points', cityId });

/**
 * Who hears of what. The fan-out drops the actor, so "both cities" never tells people what they did.
 * - requested → the other city's focal points; proposed → both cities'
 * - accepted (one consent, the other still pending), declined, withdrawn, ended → both cities and the broker
 * - activated (the last consent) → both cities and the broker
 */
export function recipientsFor(type: NotificationType, f: NotifyFacts, opts: { actingCityId?: string | null } = {}): Recipient[] {
  const both = [focal(f.fromCityId), focal(f.toCityId)];
  const broker: Recipient[] = f.brokerId ? [{ kind: 'user', userId: f.brokerId }] : [];
  switch (type) {
    case 'twinning.requested': return [focal(f.toCityId)];
    case 'twinning.proposed': return both;
    case 'twinning.accepted': {
      const other = opts.actingCityId === f.fromCityId ? f.toCityId : f.fromCityId;
      return [focal(other), ...broker];
    }
    default: return [...both, ...broker];
  }
}

/** Writes the `notification.fanout` rows of one move, in the move's transaction. */
export async function notifyTwinning(tx: Tx, outbox: Outbox, types: NotificationType[], f: NotifyFacts, ctx: {
  actorId: string; actorName: string | null; actingCityId?: string | null; reason?: string | null;
}) {
  await outbox.addMany(tx, types.map((type) => {
    const eventKey = `twinning-${f.id}-v${f.version}-${type}`;
    return {
      job: 'notification.fanout' as const,
      key: eventKey,
      payload: {
        type, eventKey, actorId: ctx.actorId,
        subject: { kind: 'twinning' as const, id: f.id },
        recipients: recipientsFor(type, f, { actingCityId: ctx.actingCityId }),
        data: {
          title: `${f.fromCityName} – ${f.toCityName}`, actorName: ctx.actorName, twinningId: f.id,
          fromCityName: f.fromCityName, toCityName: f.toCityName,
          ...(ctx.actingCityId ? { cityId: ctx.actingCityId } : {}),
          ...(ctx.reason ? { reason: ctx.reason } : {}),
        },
      },
    };
  }));
}
