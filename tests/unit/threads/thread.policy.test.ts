import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/policies/principal.ts';
import { threadPolicy } from '../../../server/policies/thread.policy.ts';

const principal = (over: Partial<Principal> = {}): Principal => ({
  userId: 'u1', isAdmin: false, managedNetworkIds: new Set(), cityRoles: new Map(), ...over,
});
const facts = { cityIds: ['palermo', 'lyon'], cityNetworkIds: ['eurocities'] };
const member = principal({ cityRoles: new Map([['lyon', 'practitioner']]) });
const manager = principal({ userId: 'm', managedNetworkIds: new Set(['eurocities']) });
const otherManager = principal({ userId: 'o', managedNetworkIds: new Set(['other']) });
const outsider = principal({ userId: 'x', cityRoles: new Map([['tunis', 'focal_point']]) });
const admin = principal({ userId: 'a', isAdmin: true });

describe('thread policy', () => {
  it('members of a participating city read, post and invite', () => {
    expect(threadPolicy.canRead(member, facts)).toBe(true);
    expect(threadPolicy.canPost(member, facts)).toBe(true);
    expect(threadPolicy.canInvite(member, facts)).toBe(true);
    expect(threadPolicy.canModerate(member, facts)).toBe(false);
  });

  it('managers of the cities\' networks (and admins) read and moderate but do not post', () => {
    for (const p of [manager, admin]) {
      expect(threadPolicy.canRead(p, facts)).toBe(true);
      expect(threadPolicy.canPost(p, facts)).toBe(false);
      expect(threadPolicy.canModerate(p, facts)).toBe(true);
      expect(threadPolicy.canDeleteMessage(p, facts, 'someone')).toBe(true);
      expect(threadPolicy.canEditMessage(p, facts, 'someone')).toBe(false);
    }
  });

  it('everyone else sees nothing', () => {
    for (const p of [outsider, otherManager, principal()]) {
      expect(threadPolicy.canRead(p, facts)).toBe(false);
      expect(threadPolicy.canPost(p, facts)).toBe(false);
      expect(threadPolicy.canInvite(p, facts)).toBe(false);
      expect(threadPolicy.canDeleteMessage(p, facts, p.userId)).toBe(false);
    }
  });

  it('only the author edits; the author or a moderator deletes; a former member does neither', () => {
    expect(threadPolicy.canEditMessage(member, facts, 'u1')).toBe(true);
    expect(threadPolicy.canEditMessage(member, facts, 'u2')).toBe(false);
    expect(threadPolicy.canDeleteMessage(member, facts, 'u1')).toBe(true);
    expect(threadPolicy.canDeleteMessage(member, facts, 'u2')).toBe(false);
    const former = principal({ userId: 'u1' });
    expect(threadPolicy.canEditMessage(former, facts, 'u1')).toBe(false);
    expect(threadPolicy.canDeleteMessage(former, facts, 'u1')).toBe(false);
  });

  it('starts a thread only in the name of a city one belongs to', () => {
    expect(threadPolicy.canCreate(member, 'lyon')).toBe(true);
    expect(threadPolicy.canCreate(member, 'palermo')).toBe(false);
    expect(threadPolicy.canCreate(manager, 'lyon')).toBe(false);
  });
});
