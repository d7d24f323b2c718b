import type { Db } from '../../server/db/client.ts';
import { createCity, createNetwork } from './cities.ts';
import { createSignedInUser } from './users.ts';

/**
 * Two cities in one network, each with signed-in members, a network manager and an outsider: the usual
 * cast of a thread test.
 */
export async function createThreadCast(db: Db, baseUrl: string, opts: { membersPerCity?: number } = {}) {
  const n = opts.membersPerCity ?? 2;
  const manager = await createSignedInUser(db, baseUrl, { name: 'Manager' });
  const outsider = await createSignedInUser(db, baseUrl, { name: 'Outsider' });
  const network = await createNetwork(db, { managerIds: [manager.user.id] });
  const aMembers = await Promise.all(Array.from({ length: n }, (_, i) => createSignedInUser(db, baseUrl, { name: `Ana ${i}` })));
  const bMembers = await Promise.all(Array.from({ length: n }, (_, i) => createSignedInUser(db, baseUrl, { name: `Bruno ${i}` })));
  const cityA = await createCity(db, { name: 'Palermo', countryCode: 'IT', networkIds: [network.id], members: aMembers.map((m) => ({ userId: m.user.id, role: 'practitioner' as const })) });
  const cityB = await createCity(db, { name: 'Lyon', countryCode: 'FR', networkIds: [network.id], members: bMembers.map((m) => ({ userId: m.user.id, role: 'practitioner' as const })) });
  return { manager, outsider, network, cityA, cityB, aMembers, bMembers };
}
