import type { Db } from '../../db/client.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import type { Actor } from './actor.ts';

/** The signed-in user with the cities they belong to and the networks they manage (/api/me, the client's menus). */
export function createMeService({ db }: { db: Db }) {
  return {
    async get(actor: Actor) {
      const [cities, networks] = await Promise.all([
        db.cityMembership.findMany({
          where: { userId: actor.userId },
          select: { role: true, city: { select: { id: true, name: true, countryCode: true } } },
          orderBy: { createdAt: 'asc' },
        }),
        db.networkManager.findMany({
          where: { userId: actor.userId },
          select: { network: { select: { id: true, slug: true, name: true } } },
          orderBy: { createdAt: 'asc' },
        }),
      ]);
      return {
        user: presentUser(actor.user),
        cities: cities.map((m) => ({ id: m.city.id, name: m.city.name, country: m.city.countryCode, role: m.role })),
        managedNetworks: networks.map((n) => n.network),
      };
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
