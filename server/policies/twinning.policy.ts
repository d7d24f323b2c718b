import type { TwinningStatus } from '../contract/common.ts';
import { isFocalPoint, isMemberOf, managesAnyOf, managesNetwork, type Principal } from './principal.ts';

/** What the rules need to know about a twinning. */
export type TwinningFacts = {
  status: TwinningStatus;
  fromCityId: string;
  toCityId: string;
  requestedById: string;
  /** The network that brokered a proposal; null for a city's own request. */
  brokerNetworkId: string | null;
  /** Cities whose consent is still pending. */
  pendingCityIds: string[];
  /** Networks either city belongs to (their managers see the twinning). */
  cityNetworkIds: string[];
};

export type Move = 'accept' | 'decline' | 'withdraw' | 'end';

/**
 * Who may make a move:
 * - `pending_focal_point`: a focal point of a city whose consent is pending, answering for it;
 * - `requester`: who asked — the requesting user or a focal point of `fromCity` for a request, the
 *   requesting manager or any manager of the brokering network for a proposal;
 * - `focal_point`: a focal point of either city.
 */
export type Who = 'pending_focal_point' | 'requester' | 'focal_point';

/**
 * The state machine, the one place it is written down. `to: 'consent'` records the city's consent and
 * becomes `active` when it was the last one pending (an `activate` event follows the `accept`).
 * requested (awaits toCity) · proposed (brokered, awaits both) → accept · decline · withdraw; active → end.
 */
export const TRANSITIONS: Record<Move, { from: readonly TwinningStatus[]; to: TwinningStatus | 'consent'; who: Who }> = {
  accept: { from: ['requested', 'proposed'], to: 'consent', who: 'pending_focal_point' },
  decline: { from: ['requested', 'proposed'], to: 'declined', who: 'pending_focal_point' },
  withdraw: { from: ['requested', 'proposed'], to: 'withdrawn', who: 'requester' },
  end: { from: ['active'], to: 'ended', who: 'focal_point' },
};

/** Statuses that hold the pair: while one exists, no other twinning of those two cities may open. */
export const OPEN_STATUSES: readonly TwinningStatus[] = ['requested', 'proposed', 'active'];

export type Decision =
  | { ok: true; to: TwinningStatus; cityId: string | null; activates: boolean }
  | { ok: false; status: 403 | 409; message: string };

const DONE: Record<Move, string> = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn', end: 'ended' };
const no = (status: 403 | 409, message: string): Decision => ({ ok: false, status, message });

const isRequester = (p: Principal, f: TwinningFacts) =>
  p.userId === f.requestedById ||
  (f.brokerNetworkId ? managesNetwork(p, f.brokerNetworkId) : isFocalPoint(p, f.fromCityId));

/**
 * May `p` make `move` on a twinning, speaking for `cityId` (when they could speak for several)?
 * The status is checked first: a move the status does not allow is a conflict (409) for everyone who
 * may see the twinning; then the role (403).
 */
export function decide(p: Principal, f: TwinningFacts, move: Move, cityId?: string): Decision {
  const t = TRANSITIONS[move];
  if (!t.from.includes(f.status)) return no(409, `A twinning that is ${f.status} cannot be ${DONE[move]}`);
  const pair = [f.fromCityId, f.toCityId];
  if (cityId !== undefined && !pair.includes(cityId)) return no(403, 'That city is not part of this twinning');
  if (cityId !== undefined && !isFocalPoint(p, cityId)) return no(403, 'Only a focal point of that city answers for it');
  switch (t.who) {
    case 'pending_focal_point': {
      if (cityId !== undefined && !f.pendingCityIds.includes(cityId)) return no(409, 'That city has already consented');
      const mine = f.pendingCityIds.filter((c) => isFocalPoint(p, c) && (cityId === undefined || c === cityId));
      if (mine.length === 0) {
        return pair.some((c) => isFocalPoint(p, c))
          ? no(403, 'Your city has already answered; the other city\'s focal points decide now')
          : no(403, 'Only a focal point of a city whose consent is pending may answer');
      }
      if (mine.length > 1) return no(409, 'You are focal point of both cities: name the city you answer for (cityId)');
      const last = f.pendingCityIds.length === 1;
      if (move === 'decline') return { ok: true, to: 'declined', cityId: mine[0], activates: false };
      return { ok: true, to: last ? 'active' : f.status, cityId: mine[0], activates: last };
    }
    case 'requester':
      if (!isRequester(p, f)) return no(403, 'Only who asked may withdraw');
      return { ok: true, to: t.to as TwinningStatus, cityId: f.brokerNetworkId ? null : f.fromCityId, activates: false };
    case 'focal_point': {
      const mine = cityId !== undefined ? [cityId] : pair.filter((c) => isFocalPoint(p, c));
      if (mine.length === 0) return no(403, 'Only a focal point of either city may end the twinning');
      return { ok: true, to: t.to as TwinningStatus, cityId: mine[0], activates: false };
    }
  }
}

export const twinningPolicy = {
  /** Ask another city in the name of `fromCityId`. */
  canRequest: (p: Principal, fromCityId: string) => isFocalPoint(p, fromCityId),
  /** Broker a pairing in the name of a network (both cities must belong to it: the service checks). */
  canPropose: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  canView: (p: Principal, f: Pick<TwinningFacts, 'fromCityId' | 'toCityId' | 'requestedById' | 'cityNetworkIds'>) =>
    p.userId === f.requestedById || isMemberOf(p, f.fromCityId) || isMemberOf(p, f.toCityId) || managesAnyOf(p, f.cityNetworkIds),
  /** Focal points of either city edit the plan (while active: the service checks the status, 409). */
  canEditPlan: (p: Principal, f: Pick<TwinningFacts, 'fromCityId' | 'toCityId'>) => isFocalPoint(p, f.fromCityId) || isFocalPoint(p, f.toCityId),
  canSeeBrokering: (p: Principal, networkId: string) => managesNetwork(p, networkId),
  /** What the actor may do now: the `can` of a response. */
  can: (p: Principal, f: TwinningFacts) => ({
    accept: decide(p, f, 'accept').ok,
    decline: decide(p, f, 'decline').ok,
    withdraw: decide(p, f, 'withdraw').ok,
    end: decide(p, f, 'end').ok,
    editPlan: f.status === 'active' && twinningPolicy.canEditPlan(p, f),
  }),
};
