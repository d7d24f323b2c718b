import type { ConsentState, MatchReason, Twinning, TwinningMove, TwinningStatus } from './types';

export const PRIORITY_CODE = /^[a-z][a-z0-9-]*\.[1-9]\d*$/;

/** Priority codes named by match reasons (shared and complementary priorities), in order, once each. */
export function themesFromReasons(reasons: readonly Pick<MatchReason, 'data'>[]): string[] {
  const out: string[] = [];
  for (const r of reasons) {
    const d = r.data ?? {};
    for (const key of ['priorities', 'candidateOffers', 'sourceOffers']) {
      const v = d[key];
      if (!Array.isArray(v)) continue;
      for (const code of v) if (typeof code === 'string' && PRIORITY_CODE.test(code) && !out.includes(code)) out.push(code);
    }
  }
  return out;
}

export type Tab = 'pending' | 'active' | 'ended';
export const TABS: readonly Tab[] = ['pending', 'active', 'ended'];

const TAB_OF: Record<TwinningStatus, Tab> = {
  requested: 'pending', proposed: 'pending', active: 'active', declined: 'ended', withdrawn: 'ended', ended: 'ended',
};
export function tabOf(status: TwinningStatus): Tab {
  return TAB_OF[status] ?? 'ended';
}

export function isOpen(t: Pick<Twinning, 'status'>): boolean {
  return t.status === 'requested' || t.status === 'proposed';
}

/** The cities of mine (focal point) whose consent this open twinning awaits. */
export function awaitingMine(t: Pick<Twinning, 'status' | 'awaiting'>, focalCityIds: ReadonlySet<string>): string[] {
  return isOpen(t) ? t.awaiting.filter((c) => focalCityIds.has(c)) : [];
}

/** The moves the server says the user may make now (`can`); the server still decides (403/409). */
export function allowedActions(t: Pick<Twinning, 'can'>): TwinningMove[] {
  return (['accept', 'decline', 'withdraw', 'end'] as const).filter((a) => t.can[a]);
}

/** Given, awaited, refused (a decline event for that city), or never given (the twinning closed first). */
export function consentState(t: Pick<Twinning, 'status' | 'events'>, c: { cityId: string; consentedAt: string | null }): ConsentState {
  if (c.consentedAt) return 'given';
  if (t.events?.some((e) => e.action === 'decline' && e.cityId === c.cityId)) return 'declined';
  return isOpen(t) ? 'pending' : 'none';
}

export function cityName(t: Pick<Twinning, 'fromCity' | 'toCity'>, id: string | null | undefined): string {
  if (!id) return '';
  if (t.fromCity.id === id) return t.fromCity.name;
  if (t.toCity.id === id) return t.toCity.name;
  return id;
}
