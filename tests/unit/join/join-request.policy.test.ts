import { describe, expect, it } from 'vitest';
import { joinRequestPolicy } from '../../../server/policies/join-request.policy.ts';
import type { Principal } from '../../../server/policies/principal.ts';

const principal = (userId: string, over: { isAdmin?: boolean; cities?: Record<string, 'focal_point' | 'practitioner'>; manages?: string[] } = {}): Principal => ({
  userId, isAdmin: over.isAdmin ?? false, managedNetworkIds: new Set(over.manages ?? []), cityRoles: new Map(Object.entries(over.cities ?? {})),
});

// City c1 belongs to network n1; the request is u9's, to join c1.
const request = { userId: 'u9', cityId: 'c1' };
const table: [string, Principal, { request: boolean; review: boolean; decide: boolean }][] = [
  ['admin', principal('a', { isAdmin: true }), { request: true, review: true, decide: true }],
  ['manager of n1', principal('m', { manages: ['n1'] }), { request: true, review: true, decide: true }],
  ['manager of n2', principal('m2', { manages: ['n2'] }), { request: true, review: false, decide: false }],
  ['focal point of c1', principal('f', { cities: { c1: 'focal_point' } }), { request: false, review: true, decide: true }],
  ['practitioner of c1', principal('p', { cities: { c1: 'practitioner' } }), { request: false, review: false, decide: false }],
  ['focal point of c2', principal('f2', { cities: { c2: 'focal_point' } }), { request: true, review: false, decide: false }],
  ['signed-in user', principal('u'), { request: true, review: false, decide: false }],
  ['the requester, also manager of n1', principal('u9', { manages: ['n1'] }), { request: true, review: true, decide: false }],
  ['the requester, an admin', principal('u9', { isAdmin: true }), { request: true, review: true, decide: false }],
];

describe('joinRequestPolicy', () => {
  it.each(table)('%s', (_name, p, expected) => {
    expect({
      request: joinRequestPolicy.canRequest(p, 'c1'),
      review: joinRequestPolicy.canReview(p, 'c1', ['n1']),
      decide: joinRequestPolicy.canDecide(p, request, ['n1']),
    }).toEqual(expected);
  });
});
