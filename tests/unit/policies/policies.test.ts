import { describe, expect, it } from 'vitest';
import { cityPolicy } from '../../../server/policies/city.policy.ts';
import { networkPolicy } from '../../../server/policies/network.policy.ts';
import { practicePolicy, type PracticeFacts } from '../../../server/policies/practice.policy.ts';
import type { Principal } from '../../../server/policies/principal.ts';

const principal = (over: Partial<Principal> & { cities?: Record<string, 'focal_point' | 'practitioner'>; manages?: string[] } = {}): Principal => ({
  userId: over.userId ?? 'u1',
  isAdmin: over.isAdmin ?? false,
  managedNetworkIds: new Set(over.manages ?? []),
  cityRoles: new Map(Object.entries(over.cities ?? {})),
});

// City c1 belongs to network n1; n2 is another network.
const who = {
  admin: principal({ isAdmin: true }),
  manager: principal({ manages: ['n1'] }),
  otherManager: principal({ manages: ['n2'] }),
  focal: principal({ cities: { c1: 'focal_point' } }),
  practitioner: principal({ cities: { c1: 'practitioner' } }),
  otherFocal: principal({ cities: { c2: 'focal_point' } }),
  user: principal(),
};
type Who = keyof typeof who;

describe('cityPolicy', () => {
  const table: [Who, { create: boolean; edit: boolean; addMember: boolean; actFor: boolean }][] = [
    ['admin', { create: true, edit: true, addMember: true, actFor: false }],
    ['manager', { create: true, edit: true, addMember: true, actFor: false }],
    ['otherManager', { create: true, edit: false, addMember: false, actFor: false }],
    ['focal', { create: false, edit: true, addMember: true, actFor: true }],
    ['practitioner', { create: false, edit: false, addMember: false, actFor: true }],
    ['otherFocal', { create: false, edit: false, addMember: false, actFor: false }],
    ['user', { create: false, edit: false, addMember: false, actFor: false }],
  ];
  it.each(table)('%s', (name, expected) => {
    const p = who[name];
    expect({
      create: cityPolicy.canCreate(p),
      edit: cityPolicy.canEdit(p, 'c1', ['n1']),
      addMember: cityPolicy.canAddMember(p, 'c1', ['n1']),
      actFor: cityPolicy.canActFor(p, 'c1'),
    }).toEqual(expected);
  });
});

describe('networkPolicy', () => {
  it.each([
    ['admin', true, true, true, true],
    ['manager', true, true, true, true],
    ['otherManager', true, false, false, true],
    ['focal', false, false, false, false],
    ['user', false, false, false, false],
  ] as [Who, boolean, boolean, boolean, boolean][])('%s', (name, create, addManager, addCity, createRoute) => {
    const p = who[name];
    expect([networkPolicy.canCreate(p), networkPolicy.canAddManager(p, 'n1'), networkPolicy.canAddCity(p, 'n1'), networkPolicy.canCreateRoute(p)])
      .toEqual([create, addManager, addCity, createRoute]);
  });
});

describe('practicePolicy', () => {
  const facts = (status: PracticeFacts['status'], authorId = 'author'): PracticeFacts => ({ cityId: 'c1', authorId, status, cityNetworkIds: ['n1'] });
  const author = principal({ userId: 'author', cities: { c1: 'practitioner' } });

  it('shows published practices to everyone, others to the author, the city and reviewers only', () => {
    expect(practicePolicy.canView(null, facts('published'))).toBe(true);
    for (const status of ['draft', 'in_review', 'archived'] as const) {
      expect(practicePolicy.canView(null, facts(status))).toBe(false);
      expect(practicePolicy.canView(who.user, facts(status))).toBe(false);
      expect(practicePolicy.canView(who.otherManager, facts(status))).toBe(false);
      expect(practicePolicy.canView(author, facts(status))).toBe(true);
      expect(practicePolicy.canView(who.practitioner, facts(status))).toBe(true);
      expect(practicePolicy.canView(who.manager, facts(status))).toBe(true);
    }
  });

  it('lets the author and focal points edit drafts; once submitted only reviewers', () => {
    expect(practicePolicy.canEdit(author, facts('draft'))).toBe(true);
    expect(practicePolicy.canEdit(who.focal, facts('draft'))).toBe(true);
    expect(practicePolicy.canEdit(who.practitioner, facts('draft'))).toBe(false);
    expect(practicePolicy.canEdit(author, facts('in_review'))).toBe(false);
    expect(practicePolicy.canEdit(who.manager, facts('in_review'))).toBe(true);
    expect(practicePolicy.canEdit(who.otherManager, facts('in_review'))).toBe(false);
  });

  it('leaves publishing and returning to reviewers (managers of the city\'s networks, admins)', () => {
    for (const rule of [practicePolicy.canPublish, practicePolicy.canReturn]) {
      expect(rule(who.manager, facts('in_review'))).toBe(true);
      expect(rule(who.admin, facts('in_review'))).toBe(true);
      expect(rule(who.otherManager, facts('in_review'))).toBe(false);
      expect(rule(who.focal, facts('in_review'))).toBe(false);
      expect(rule(author, facts('in_review'))).toBe(false);
    }
  });

  it('lets members of the city create practices, and nobody else but admins', () => {
    expect(practicePolicy.canCreate(who.practitioner, 'c1')).toBe(true);
    expect(practicePolicy.canCreate(who.admin, 'c1')).toBe(true);
    expect(practicePolicy.canCreate(who.manager, 'c1')).toBe(false);
    expect(practicePolicy.canCreate(who.otherFocal, 'c1')).toBe(false);
  });
});

describe('networkPolicy.canImport (CSV onboarding)', () => {
  it.each([
    ['admin', true], ['manager', true], ['otherManager', false], ['focal', false], ['user', false],
  ] as [Who, boolean][])('%s', (name, allowed) => {
    expect(networkPolicy.canImport(who[name], 'n1')).toBe(allowed);
  });
});
