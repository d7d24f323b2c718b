// Contract-shaped fixtures for the twinnings client tests.
import type { Me } from '../../../server/contract/me.ts';
import type { TwinningDetail } from '../../../server/contract/twinnings.ts';

export const PALERMO = { id: 'pal', name: 'Palermo', country: 'IT' };
export const LYON = { id: 'lyo', name: 'Lyon', country: 'FR' };

export function me(opts: { id: string; focal?: string[]; manages?: { id: string; name: string }[] }): Me {
  return {
    user: { id: opts.id, email: `${opts.id}@example.org`, name: `User ${opts.id}`, locale: 'en', isPlatformAdmin: false, createdAt: '2026-01-01T00:00:00Z' },
    timezone: 'UTC',
    cities: (opts.focal ?? []).map((id) => ({ id, name: id === PALERMO.id ? 'Palermo' : 'Lyon', country: null, role: 'focal_point' as const })),
    managedNetworks: (opts.manages ?? []).map((n) => ({ ...n, slug: n.id })),
  };
}

const can = { accept: false, decline: false, withdraw: false, end: false, editPlan: false };

export function twinning(over: Partial<Omit<TwinningDetail, 'can'>> & { can?: Partial<TwinningDetail['can']> } = {}): TwinningDetail {
  return {
    id: 'tw1', status: 'requested', version: 1, fromCity: PALERMO, toCity: LYON, themes: ['solidarity.3'],
    message: 'Shall we learn from each other?', requestedBy: { id: 'ana', name: 'Ana' }, brokered: null, score: 0.71,
    reasons: [{ kind: 'shared_priority', detail: 'Both work on reception', weight: 0.4, data: { priorities: ['solidarity.3'] } }],
    consents: [
      { cityId: PALERMO.id, consentedAt: '2026-11-01T10:00:00Z', by: { id: 'ana', name: 'Ana' } },
      { cityId: LYON.id, consentedAt: null, by: null },
    ],
    awaiting: [LYON.id], endReason: null, outcome: null, threadId: null,
    createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', activatedAt: null, closedAt: null,
    events: [{ id: 'e1', action: 'request', actor: { id: 'ana', name: 'Ana' }, cityId: PALERMO.id, fromStatus: null, toStatus: 'requested', reason: null, at: '2026-11-01T10:00:00Z' }],
    plan: null,
    ...over,
    can: { ...can, ...(over.can ?? {}) },
  };
}

export const taxonomy = {
  lang: 'en',
  principles: [{ slug: 'solidarity', order: 1, label: 'Solidarity', theme: 'S', priorities: [
    { code: 'solidarity.1', n: 1, label: 'Safe arrival' }, { code: 'solidarity.3', n: 3, label: 'Reception' },
  ] }],
};
