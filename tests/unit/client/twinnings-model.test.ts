import { describe, expect, it } from 'vitest';
import { allowedActions, consentState, tabOf, themesFromReasons } from '../../../client/src/twinnings/model';
import { monthsBetween, validatePlan } from '../../../client/src/twinnings/plan-validation';
import type { PlanInput } from '../../../client/src/twinnings/types';
import { twinning } from './twinnings-fixtures';

const t = (key: string) => key.split('.').at(-1)!;
const plan = (over: Partial<PlanInput> = {}): PlanInput => ({ objectives: ['Learn'], themes: ['dignity.1'], activities: [], visits: [], indicators: [], ...over });

describe('twinnings client model', () => {
  it('takes the themes from shared and complementary priorities, once each, and nothing else', () => {
    expect(themesFromReasons([
      { data: { priorities: ['dignity.1', 'equity.2'] } },
      { data: { candidateOffers: ['equity.2', 'community.3'], sourceOffers: ['dignity.4'] } },
      { data: { languages: ['fr'] } },
      { data: { priorities: ['not a code', 7] } },
    ])).toEqual(['dignity.1', 'equity.2', 'community.3', 'dignity.4']);
  });

  it('sorts statuses into tabs, reads the moves from `can`, and tells consent states apart', () => {
    expect(['requested', 'proposed', 'active', 'declined', 'withdrawn', 'ended'].map((s) => tabOf(s as never)))
      .toEqual(['pending', 'pending', 'active', 'ended', 'ended', 'ended']);
    expect(allowedActions(twinning({ can: { accept: true, decline: true, editPlan: true } }))).toEqual(['accept', 'decline']);
    const declined = twinning({ status: 'declined', events: [{ id: 'e', action: 'decline', actor: { id: 'b', name: 'B' }, cityId: 'lyo', fromStatus: 'requested', toStatus: 'declined', reason: 'no', at: '2026-11-01T00:00:00Z' }] });
    expect(declined.consents.map((c) => consentState(declined, c))).toEqual(['given', 'declined']);
    const open = twinning();
    expect(open.consents.map((c) => consentState(open, c))).toEqual(['given', 'pending']);
  });

  it('checks plan dates and cities, and warns on a return visit more than 12 months later', () => {
    const cities = ['pal', 'lyo'];
    expect(validatePlan(plan(), cities, t)).toEqual({ errors: {}, warnings: [] });
    const bad = validatePlan(plan({
      objectives: [],
      activities: [{ title: ' ', cityId: 'tun', startsOn: '2027-02-30', endsOn: '2027-01-01' }],
      visits: [
        { kind: 'visit', hostCityId: 'lyo', startsOn: '2027-03-01', endsOn: '2027-02-01' },
        { kind: 'visit', hostCityId: 'pal', startsOn: '2027-05-01', endsOn: '2027-05-02' },
      ],
    }), cities, t);
    expect(bad.errors).toEqual({
      objectives: 'objectives', 'activities.0.title': 'required', 'activities.0.cityId': 'city', 'activities.0.startsOn': 'date',
      'visits.0.endsOn': 'order', 'visits.1.kind': 'duplicateVisit',
    });
    const visits = (back: string) => [
      { kind: 'visit' as const, hostCityId: 'lyo', startsOn: '2027-03-01', endsOn: '2027-03-03' },
      { kind: 'return_visit' as const, hostCityId: 'pal', startsOn: back, endsOn: back },
    ];
    expect(validatePlan(plan({ visits: visits('2028-03-01') }), cities, t).warnings).toEqual([]);
    expect(validatePlan(plan({ visits: visits('2028-03-02') }), cities, t).warnings).toEqual([{ path: 'visits.1.startsOn', key: 'twinnings.plan.warnings.return_visit_late' }]);
    expect(validatePlan(plan({ visits: visits('2027-02-01') }), cities, t).errors).toEqual({ 'visits.1.startsOn': 'returnBeforeVisit' });
    expect(monthsBetween('2027-01-31', '2028-01-31')).toBe(12);
  });
});
