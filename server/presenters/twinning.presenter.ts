import type { Twinning, TwinningDetail, TwinningPlan } from '../contract/twinnings.ts';
import type { Prisma } from '../generated/prisma/client.ts';

const userRef = { select: { id: true, name: true } } as const;
const cityRef = { select: { id: true, name: true, countryCode: true } } as const;

/** What presentTwinning reads. */
export const twinningInclude = {
  fromCity: cityRef,
  toCity: cityRef,
  requestedBy: userRef,
  brokeredByNetwork: { select: { id: true, name: true } },
  consents: { include: { consentedBy: userRef }, orderBy: { cityId: 'asc' } },
  threads: { select: { id: true }, orderBy: { createdAt: 'asc' }, take: 1 },
} as const satisfies Prisma.TwinningInclude;

export type TwinningRow = Prisma.TwinningGetPayload<{ include: typeof twinningInclude }>;
export type EventRow = Prisma.TwinningEventGetPayload<{ include: { actor: typeof userRef } }>;
export const eventInclude = { actor: userRef } as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const city = (c: { id: string; name: string; countryCode: string | null }) => ({ id: c.id, name: c.name, country: c.countryCode });

export function presentTwinning(t: TwinningRow, can: Twinning['can']): Twinning {
  // the requester's city first, then the other one
  const consents = [...t.consents].sort((a, b) => (a.cityId === t.fromCityId ? -1 : b.cityId === t.fromCityId ? 1 : 0));
  return {
    id: t.id,
    status: t.status,
    version: t.version,
    fromCity: city(t.fromCity),
    toCity: city(t.toCity),
    themes: t.themes,
    message: t.message,
    requestedBy: t.requestedBy,
    brokered: t.brokeredByNetwork ? { network: t.brokeredByNetwork, manager: t.requestedBy, note: t.brokerNote } : null,
    score: t.matchScore,
    reasons: (Array.isArray(t.reasons) ? t.reasons : []) as Twinning['reasons'],
    consents: consents.map((c) => ({ cityId: c.cityId, consentedAt: iso(c.consentedAt), by: c.consentedBy })),
    awaiting: t.status === 'requested' || t.status === 'proposed' ? consents.filter((c) => !c.consentedAt).map((c) => c.cityId) : [],
    endReason: t.endReason,
    outcome: t.outcome,
    threadId: t.threads[0]?.id ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    activatedAt: iso(t.activatedAt),
    closedAt: iso(t.closedAt),
    can,
  };
}

export function presentEvent(e: EventRow): TwinningDetail['events'][number] {
  return {
    id: e.id,
    action: e.kind as TwinningDetail['events'][number]['action'],
    actor: e.actor,
    cityId: e.cityId,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus ?? 'requested',
    reason: e.reason,
    at: e.createdAt.toISOString(),
  };
}

export function presentPlan(
  rev: { revision: number; content: unknown; createdAt: Date; editor: { id: string; name: string } },
  revisionCount: number,
  warnings: TwinningPlan['warnings'],
): TwinningPlan {
  const c = rev.content as Omit<TwinningPlan, 'revision' | 'revisionCount' | 'updatedAt' | 'updatedBy' | 'warnings'>;
  return {
    revision: rev.revision,
    revisionCount,
    objectives: c.objectives,
    themes: c.themes,
    activities: c.activities,
    visits: c.visits,
    indicators: c.indicators,
    updatedAt: rev.createdAt.toISOString(),
    updatedBy: rev.editor,
    warnings,
  };
}
