import { describe, expect, it } from 'vitest';
import { TWINNING_STATUSES, type TwinningStatus } from '../../../server/contract/common.ts';
import type { Principal } from '../../../server/policies/principal.ts';
import { decide, TRANSITIONS, twinningPolicy, type Move, type TwinningFacts } from '../../../server/policies/twinning.policy.ts';

const principal = (userId: string, over: { cities?: Record<string, 'focal_point' | 'practitioner'>; manages?: string[]; isAdmin?: boolean } = {}): Principal => ({
  userId, isAdmin: over.isAdmin ?? false, managedNetworkIds: new Set(over.manages ?? []), cityRoles: new Map(Object.entries(over.cities ?? {})),
});

// A twinning of c1 (from) and c2 (to); both cities are in network n1.
const who = {
  requester: principal('uReq', { cities: { c1: 'focal_point' } }),
  fromFocal: principal('uF1', { cities: { c1: 'focal_point' } }),
  toFocal: principal('uF2', { cities: { c2: 'focal_point' } }),
  practitioner: principal('uP', { cities: { c2: 'practitioner' } }),
  broker: principal('uMgr', { manages: ['n1'] }),
  otherManager: principal('uM2', { manages: ['n2'] }),
  admin: principal('uA', { isAdmin: true }),
  outsider: principal('uO'),
};
type Who = keyof typeof who;
const everyone = Object.keys(who) as Who[];

/** A request by uReq for c1, or a proposal brokered by uMgr in n1; `pending` as the status implies. */
function facts(status: TwinningStatus, brokered: boolean, pending?: string[]): TwinningFacts {
  const open = status === 'requested' || status === 'proposed';
  return {
    status, fromCityId: 'c1', toCityId: 'c2',
    requestedById: brokered ? 'uMgr' : 'uReq', brokerNetworkId: brokered ? 'n1' : null,
    pendingCityIds: pending ?? (!open ? [] : brokered ? ['c1', 'c2'] : ['c2']),
    cityNetworkIds: ['n1'],
  };
}

/**
 * Every move × role for each open status: who may (the resulting status), everyone else 403. A move
 * the status does not allow is 409 for everyone (checked first).
 */
const table: { name: string; f: TwinningFacts; allowed: Record<Move, Partial<Record<Who, TwinningStatus>>> }[] = [
  {
    name: 'requested (awaits c2)', f: facts('requested', false),
    allowed: {
      accept: { toFocal: 'active' },
      decline: { toFocal: 'declined' },
      withdraw: { requester: 'withdrawn', fromFocal: 'withdrawn' },
      end: {},
    },
  },
  {
    name: 'proposed (awaits both)', f: facts('proposed', true),
    allowed: {
      accept: { requester: 'proposed', fromFocal: 'proposed', toFocal: 'proposed' },
      decline: { requester: 'declined', fromFocal: 'declined', toFocal: 'declined' },
      withdraw: { broker: 'withdrawn', admin: 'withdrawn' },
      end: {},
    },
  },
  {
    name: 'proposed (c1 consented, awaits c2)', f: facts('proposed', true, ['c2']),
    allowed: {
      accept: { toFocal: 'active' },
      decline: { toFocal: 'declined' },
      withdraw: { broker: 'withdrawn', admin: 'withdrawn' },
      end: {},
    },
  },
  {
    name: 'active', f: facts('active', false),
    allowed: { accept: {}, decline: {}, withdraw: {}, end: { requester: 'ended', fromFocal: 'ended', toFocal: 'ended' } },
  },
];

describe('twinning state machine × roles', () => {
  for (const row of table) {
    for (const move of Object.keys(TRANSITIONS) as Move[]) {
      const statusAllows = TRANSITIONS[move].from.includes(row.f.status);
      it.each(everyone)(`${row.name}: ${move} by %s`, (name) => {
        const d = decide(who[name], row.f, move);
        const to = row.allowed[move][name];
        if (!statusAllows) expect(d).toMatchObject({ ok: false, status: 409 });
        else if (to) expect(d).toMatchObject({ ok: true, to });
        else expect(d).toMatchObject({ ok: false, status: 403 });
      });
    }
  }

  it.each(['declined', 'withdrawn', 'ended'] as const)('%s is final: every move by everyone is 409', (status) => {
    for (const move of Object.keys(TRANSITIONS) as Move[]) {
      for (const name of everyone) expect(decide(who[name], facts(status, false), move)).toMatchObject({ ok: false, status: 409 });
    }
  });

  it('every status is covered by the table or is final', () => {
    const open = new Set(table.map((r) => r.f.status));
    expect(TWINNING_STATUSES.filter((s) => !open.has(s))).toEqual(['declined', 'withdrawn', 'ended']);
  });

  it('the last consent activates; the acting city is the one answered for', () => {
    expect(decide(who.toFocal, facts('requested', false), 'accept')).toEqual({ ok: true, to: 'active', cityId: 'c2', activates: true });
    expect(decide(who.fromFocal, facts('proposed', true), 'accept')).toEqual({ ok: true, to: 'proposed', cityId: 'c1', activates: false });
    expect(decide(who.toFocal, facts('requested', false), 'decline')).toMatchObject({ activates: false, cityId: 'c2' });
  });

  it('answering for a named city: it must be in the pair (403), the actor its focal point (403), its consent pending (409)', () => {
    const both = principal('uB', { cities: { c1: 'focal_point', c2: 'focal_point' } });
    expect(decide(both, facts('proposed', true), 'accept')).toMatchObject({ ok: false, status: 409 }); // which city?
    expect(decide(both, facts('proposed', true), 'accept', 'c2')).toMatchObject({ ok: true, cityId: 'c2' });
    expect(decide(who.toFocal, facts('requested', false), 'accept', 'c3')).toMatchObject({ ok: false, status: 403 });
    expect(decide(who.toFocal, facts('requested', false), 'accept', 'c1')).toMatchObject({ ok: false, status: 403 });
    expect(decide(who.requester, facts('requested', false), 'accept', 'c1')).toMatchObject({ ok: false, status: 409 });
    expect(decide(who.fromFocal, facts('active', false), 'end', 'c2')).toMatchObject({ ok: false, status: 403 });
  });
});

describe('twinningPolicy', () => {
  const f = facts('active', false);
  it.each([
    ['requester', true, true], ['fromFocal', true, true], ['toFocal', true, true], ['practitioner', true, false],
    ['broker', true, false], ['otherManager', false, false], ['admin', true, false], ['outsider', false, false],
  ] as [Who, boolean, boolean][])('%s: view %s, edit plan %s', (name, view, edit) => {
    expect(twinningPolicy.canView(who[name], f)).toBe(view);
    expect(twinningPolicy.canEditPlan(who[name], f)).toBe(edit);
  });

  it('requests in the name of a city its focal point; proposals by managers of the network; the board to its managers', () => {
    expect(twinningPolicy.canRequest(who.fromFocal, 'c1')).toBe(true);
    expect(twinningPolicy.canRequest(who.practitioner, 'c2')).toBe(false);
    expect(twinningPolicy.canPropose(who.broker, 'n1')).toBe(true);
    expect(twinningPolicy.canPropose(who.otherManager, 'n1')).toBe(false);
    expect(twinningPolicy.canSeeBrokering(who.broker, 'n1')).toBe(true);
    expect(twinningPolicy.canSeeBrokering(who.toFocal, 'n1')).toBe(false);
  });

  it('`can` says what the actor may do now', () => {
    expect(twinningPolicy.can(who.toFocal, facts('requested', false))).toEqual({ accept: true, decline: true, withdraw: false, end: false, editPlan: false });
    expect(twinningPolicy.can(who.fromFocal, facts('active', false))).toEqual({ accept: false, decline: false, withdraw: false, end: true, editPlan: true });
  });
});
