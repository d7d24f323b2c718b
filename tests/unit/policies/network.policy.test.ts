import { describe, expect, it } from 'vitest';
import { networkPolicy } from '../../../server/policies/network.policy.ts';
import type { Principal } from '../../../server/policies/principal.ts';

const principal = (over: { isAdmin?: boolean; manages?: string[] } = {}): Principal => ({
  userId: 'u1',
  isAdmin: over.isAdmin ?? false,
  managedNetworkIds: new Set(over.manages ?? []),
  cityRoles: new Map(),
});

// The network in question is n1.
const table: [string, Principal, Record<string, boolean>][] = [
  ['admin', principal({ isAdmin: true }), { removeManager: true, removeCity: true, seeManagers: true, editRoute: true }],
  ['manager of n1', principal({ manages: ['n1'] }), { removeManager: true, removeCity: true, seeManagers: true, editRoute: true }],
  ['manager of n2', principal({ manages: ['n2'] }), { removeManager: false, removeCity: false, seeManagers: false, editRoute: true }],
  ['user', principal(), { removeManager: false, removeCity: false, seeManagers: false, editRoute: false }],
];

describe('networkPolicy: managing one network', () => {
  it.each(table)('%s', (_name, p, expected) => {
    expect({
      removeManager: networkPolicy.canRemoveManager(p, 'n1'),
      removeCity: networkPolicy.canRemoveCity(p, 'n1'),
      seeManagers: networkPolicy.canSeeManagers(p, 'n1'),
      editRoute: networkPolicy.canEditRoute(p),
    }).toEqual(expected);
  });

  it('shows no manager list to anonymous visitors', () => {
    expect(networkPolicy.canSeeManagers(null, 'n1')).toBe(false);
  });
});
