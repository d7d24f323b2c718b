import type { Db } from '../../db/client.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { assert } from '../../policies/assert.ts';
import { networkPolicy } from '../../policies/network.policy.ts';
import { presentNetwork } from '../../presenters/network.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { loadPrincipal } from '../auth/principal.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { reindexCityPractices } from '../search/reindex-city.ts';


export function createNetworksService({ db, outbox }: { db: Db; outbox: Outbox }) {
  async function requireNetwork(id: string) {
    const network = await db.network.findUnique({ where: { id } });
    if (!network) throw notFound('Network');
    return network;
  }

  return {
    async list() {
      const rows = await db.network.findMany({
        orderBy: [{ isFounding: 'desc' }, { name: 'asc' }],
        include: { _count: { select: { cities: true, managers: true } } },
      });
      return rows.map((n) => presentNetwork(n, n._count));
    },

    async create(actor: Actor, input: { name: string; slug: string; description?: string; kind?: string; country?: string }) {
      assert(networkPolicy.canCreate(await loadPrincipal(db, actor)), 'Only platform admins create networks');
      if (await db.network.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        throw conflict(`A network with slug "${input.slug}" already exists`);
      }
      return presentNetwork(await db.network.create({ data: input }), { cities: 0, managers: 0 });
    },

    async addManager(actor: Actor, networkId: string, userId: string) {
      assert(networkPolicy.canAddManager(await loadPrincipal(db, actor)), 'Only platform admins appoint managers');
      await requireNetwork(networkId);
      const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
      if (!user) throw badRequest('No such user', [{ path: 'userId', message: 'No user has this id' }]);
      await db.networkManager.upsert({
        where: { networkId_userId: { networkId, userId } },
        create: { networkId, userId },
        update: {},
      });
      return { networkId, userId };
    },

    async addCity(actor: Actor, networkId: string, cityId: string) {
      await requireNetwork(networkId);
      assert(networkPolicy.canAddCity(await loadPrincipal(db, actor), networkId), 'Only managers of this network add cities');
      const city = await db.city.findUnique({ where: { id: cityId }, select: { id: true } });
      if (!city) throw badRequest('No such city', [{ path: 'cityId', message: 'No city has this id' }]);
      await db.$transaction(async (tx) => {
        await tx.networkCity.upsert({
          where: { networkId_cityId: { networkId, cityId } },
          create: { networkId, cityId },
          update: {},
        });
        // the city's practices are found by `?network=` once their documents carry the new network
        await reindexCityPractices(tx, outbox, cityId, `network-${networkId}-add`);
      });
      return { networkId, cityId };
    },
  };
}

export type NetworksService = ReturnType<typeof createNetworksService>;
