import type { Db } from '../../server/db/client.ts';
import { createCity, createNetwork } from './cities.ts';
import { createSignedInUser } from './users.ts';

type Priority = { code: string; stance: 'offer' | 'seek' | 'both' };

/**
 * Three cities of one network with a focal point each (and a practitioner in A), the network's manager,
 * another network's manager and an outsider: the cast of a twinning test. A offers what B seeks, C shares
 * a little with both, so the matching service has reasons to give.
 */
export async function createTwinningCast(db: Db, baseUrl: string, opts: { label?: string } = {}) {
  const tag = opts.label ?? '';
  const [manager, otherManager, outsider, focalA, practitionerA, focalB, focalC] = await Promise.all(
    ['Manager', 'Other manager', 'Outsider', 'Ana (focal A)', 'Pia (practitioner A)', 'Bruno (focal B)', 'Chloé (focal C)']
      .map((name) => createSignedInUser(db, baseUrl, { name })),
  );
  const network = await createNetwork(db, { managerIds: [manager.user.id] });
  await createNetwork(db, { managerIds: [otherManager.user.id] });
  const city = (name: string, countryCode: string, members: { userId: string; role: 'focal_point' | 'practitioner' }[], priorities: Priority[], extra: Partial<Parameters<typeof createCity>[1]> = {}) =>
    createCity(db, { name: `${name}${tag}`, countryCode, networkIds: [network.id], members, priorities, languages: ['fr', 'it'], ...extra });
  const cityA = await city('Palermo', 'IT', [{ userId: focalA.user.id, role: 'focal_point' }, { userId: practitionerA.user.id, role: 'practitioner' }],
    [{ code: 'solidarity.3', stance: 'offer' }, { code: 'dignity.1', stance: 'both' }], { population: 630_000, lat: 38.12, lon: 13.36 });
  const cityB = await city('Lyon', 'FR', [{ userId: focalB.user.id, role: 'focal_point' }],
    [{ code: 'solidarity.3', stance: 'seek' }, { code: 'dignity.1', stance: 'offer' }], { population: 520_000, lat: 45.76, lon: 4.84 });
  const cityC = await city('Tunis', 'TN', [{ userId: focalC.user.id, role: 'focal_point' }],
    [{ code: 'dignity.1', stance: 'seek' }], { population: 640_000, lat: 36.8, lon: 10.18 });
  return { manager, otherManager, outsider, focalA, practitionerA, focalB, focalC, network, cityA, cityB, cityC };
}

export type TwinningCast = Awaited<ReturnType<typeof createTwinningCast>>;

/** A valid plan body for a twinning of `a` and `b`, starting `daysFromNow` ahead. */
export function planInput(a: string, b: string, opts: { visitInDays?: number; returnAfterDays?: number; from?: Date } = {}) {
  const base = (opts.from ?? new Date()).getTime();
  const day = (d: number) => new Date(base + d * 86_400_000).toISOString().slice(0, 10);
  const v = opts.visitInDays ?? 30;
  const r = v + (opts.returnAfterDays ?? 120);
  return {
    objectives: ['Exchange on reception of newly arrived families'],
    activities: [{ title: 'Joint workshop on housing', cityId: a, startsOn: day(v + 40), endsOn: day(v + 41) }],
    visits: [
      { kind: 'visit' as const, hostCityId: b, startsOn: day(v), endsOn: day(v + 2) },
      { kind: 'return_visit' as const, hostCityId: a, startsOn: day(r), endsOn: day(r + 2) },
    ],
    indicators: ['Families housed within 3 months'],
  };
}
