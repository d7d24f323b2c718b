import type { Db } from '../../db/client.ts';

/** The cities a user belongs to and the networks they manage, for /api/me and the client's menus. */
export function createMembershipsQuery({ db }: { db: Db }) {
  return {
    async of(userId: string) {
      const [cities, networks] = await Promise.all([
        db.cityMembership.findMany({
          where: { userId },
          select: { role: true, city: { select: { id: true, name: true, countryCode: true } } },
          orderBy: { createdAt: 'asc' },
        }),
        db.networkManager.findMany({
          where: { userId },
          select: { network: { select: { id: true, slug: true, name: true } } },
          orderBy: { createdAt: 'asc' },
        }),
      ]);
      return {
        cities: cities.map((m) => ({ id: m.city.id, name: m.city.name, country: m.city.countryCode, role: m.role })),
        managedNetworks: networks.map((n) => n.network),
      };
    },
  };
}
