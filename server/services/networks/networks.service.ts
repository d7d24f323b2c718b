import type { Db } from '../../db/client.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';

type NetworkRow = { id: string; slug: string; name: string; description: string | null; kind: string; country: string | null; isFounding: boolean; createdAt: Date };

export const presentNetwork = (n: NetworkRow, counts?: { cities: number; managers: number }) => ({
  id: n.id,
  slug: n.slug,
  name: n.name,
  description: n.description,
  kind: n.kind,
  country: n.country,
  isFounding: n.isFounding,
  createdAt: n.createdAt.toISOString(),
  ...(counts ? { cityCount: counts.cities, managerCount: counts.managers } : {}),
});

export function createNetworksService({ db }: { db: Db }) {
  async function requireNetwork(id: string) {
    const network = await db.network.findUnique({ where: { id } });
    if (!network) throw notFound('Network');
    return network;
  }

  return {
    requireNetwork,

    async list() {
      const rows = await db.network.findMany({
        orderBy: [{ isFounding: 'desc' }, { name: 'asc' }],
        include: { _count: { select: { cities: true, managers: true } } },
      });
      return rows.map((n) => presentNetwork(n, n._count));
    },

    async create(input: { name: string; slug: string; description?: string; kind?: string; country?: string }) {
      if (await db.network.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        throw conflict(`A network with slug "${input.slug}" already exists`);
      }
      return presentNetwork(await db.network.create({ data: input }), { cities: 0, managers: 0 });
    },

    async addManager(networkId: string, userId: string) {
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

    async addCity(networkId: string, cityId: string) {
      await requireNetwork(networkId);
      const city = await db.city.findUnique({ where: { id: cityId }, select: { id: true } });
      if (!city) throw badRequest('No such city', [{ path: 'cityId', message: 'No city has this id' }]);
      await db.networkCity.upsert({
        where: { networkId_cityId: { networkId, cityId } },
        create: { networkId, cityId },
        update: {},
      });
      return { networkId, cityId };
    },
  };
}

export type NetworksService = ReturnType<typeof createNetworksService>;
