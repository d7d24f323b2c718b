import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/client.ts';

/** A city with optional memberships, networks, priorities and routes, written straight to the database. */
export async function createCity(db: Db, data: {
  name?: string;
  countryCode?: string;
  population?: number | null;
  lat?: number | null;
  lon?: number | null;
  languages?: string[];
  networkIds?: string[];
  members?: { userId: string; role: 'focal_point' | 'practitioner' }[];
  priorities?: { code: string; stance: 'offer' | 'seek' | 'both' }[];
  routes?: { slug: string; role: 'origin' | 'transit' | 'destination' }[];
} = {}) {
  const routeIds = data.routes?.length
    ? new Map((await db.route.findMany({ where: { slug: { in: data.routes.map((r) => r.slug) } } })).map((r) => [r.slug, r.id]))
    : new Map<string, string>();
  return db.city.create({
    data: {
      name: data.name ?? `City ${randomBytes(3).toString('hex')}`,
      countryCode: data.countryCode ?? 'ES',
      population: data.population ?? null,
      lat: data.lat ?? null,
      lon: data.lon ?? null,
      languages: data.languages ?? ['es'],
      networks: { create: (data.networkIds ?? []).map((networkId) => ({ networkId })) },
      members: { create: data.members ?? [] },
      priorities: { create: (data.priorities ?? []).map((p) => ({ priorityCode: p.code, stance: p.stance })) },
      routes: { create: (data.routes ?? []).map((r) => ({ routeId: routeIds.get(r.slug)!, role: r.role })) },
    },
  });
}

export async function createNetwork(db: Db, data: { slug?: string; name?: string; managerIds?: string[] } = {}) {
  const slug = data.slug ?? `net-${randomBytes(3).toString('hex')}`;
  return db.network.create({
    data: { slug, name: data.name ?? slug, managers: { create: (data.managerIds ?? []).map((userId) => ({ userId })) } },
  });
}
