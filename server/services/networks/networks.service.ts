import type { Db } from '../../db/client.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { assert } from '../../policies/assert.ts';
import { networkPolicy } from '../../policies/network.policy.ts';
import { presentNetwork, presentNetworkDetail } from '../../presenters/network.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { loadOptionalPrincipal, loadPrincipal } from '../auth/principal.ts';
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

    /** A network by id or slug with its member cities; its managers only for those who manage it. */
    async detail(actor: Actor | null, idOrSlug: string) {
      const network = await db.network.findFirst({
        where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
        include: {
          _count: { select: { cities: true, managers: true } },
          cities: { select: { city: { select: { id: true, name: true, countryCode: true, region: true, lat: true, lon: true } } } },
          managers: { select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: 'asc' } },
        },
      });
      if (!network) throw notFound('Network');
      const principal = await loadOptionalPrincipal(db, actor);
      const canManage = networkPolicy.canSeeManagers(principal, network.id);
      return presentNetworkDetail(network, {
        canManage,
        canAppointManagers: principal !== null && networkPolicy.canAddManager(principal, network.id),
      });
    },

    /** Admins and managers found networks; a manager who founds one becomes its first manager. */
    async create(actor: Actor, input: { name: string; slug: string; description?: string; kind?: string; country?: string }) {
      const principal = await loadPrincipal(db, actor);
      assert(networkPolicy.canCreate(principal), 'Only platform admins and network managers create networks');
      if (await db.network.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        throw conflict(`A network with slug "${input.slug}" already exists`);
      }
      const managers = principal.isAdmin ? [] : [{ userId: actor.userId }];
      const row = await db.network.create({ data: { ...input, managers: { create: managers } } });
      return presentNetwork(row, { cities: 0, managers: managers.length });
    },

    /** By user id or by e-mail address: the user must already have an account. */
    async addManager(actor: Actor, networkId: string, who: { userId?: string; email?: string }) {
      await requireNetwork(networkId);
      assert(networkPolicy.canAddManager(await loadPrincipal(db, actor), networkId), 'Only platform admins and managers of this network appoint managers');
      const user = await db.user.findFirst({ where: who.userId ? { id: who.userId } : { email: { equals: who.email, mode: 'insensitive' } }, select: { id: true } });
      if (!user) {
        throw who.userId
          ? badRequest('No such user', [{ path: 'userId', message: 'No user has this id' }])
          : badRequest('No such user', [{ path: 'email', message: 'No account has this e-mail address: ask them to register first' }]);
      }
      await db.networkManager.upsert({
        where: { networkId_userId: { networkId, userId: user.id } },
        create: { networkId, userId: user.id },
        update: {},
      });
      return { networkId, userId: user.id };
    },

    /** A network keeps at least one manager (an admin may still remove the last one). */
    async removeManager(actor: Actor, networkId: string, userId: string) {
      await requireNetwork(networkId);
      const principal = await loadPrincipal(db, actor);
      assert(networkPolicy.canRemoveManager(principal, networkId), 'Only platform admins and managers of this network remove managers');
      await db.$transaction(async (tx) => {
        const managers = await tx.networkManager.findMany({ where: { networkId }, select: { userId: true } });
        if (!managers.some((m) => m.userId === userId)) throw notFound('Manager');
        if (managers.length === 1 && !principal.isAdmin) throw conflict('A network keeps at least one manager: appoint another one first');
        await tx.networkManager.delete({ where: { networkId_userId: { networkId, userId } } });
      });
    },

    async addCity(actor: Actor, networkId: string, cityId: string) {
      await requireNetwork(networkId);
      assert(networkPolicy.canAddCity(await loadPrincipal(db, actor), networkId), 'Only managers of this network add cities');
      const city = await db.city.findUnique({ where: { id: cityId }, select: { id: true } });
      if (!city) throw badRequest('No such city', [{ path: 'cityId', message: 'No city has this id' }]);
      await db.$transaction(async (tx) => {
        const added = await tx.networkCity.createMany({ data: [{ networkId, cityId }], skipDuplicates: true });
        // the city's practices are found by `?network=` once their documents carry the new network
        if (added.count) await reindexCityPractices(tx, outbox, cityId, `network-${networkId}-add`);
      });
      return { networkId, cityId };
    },

    async removeCity(actor: Actor, networkId: string, cityId: string) {
      await requireNetwork(networkId);
      assert(networkPolicy.canRemoveCity(await loadPrincipal(db, actor), networkId), 'Only managers of this network remove cities');
      await db.$transaction(async (tx) => {
        const removed = await tx.networkCity.deleteMany({ where: { networkId, cityId } });
        if (!removed.count) throw notFound('Member city');
        await reindexCityPractices(tx, outbox, cityId, `network-${networkId}-remove`);
      });
    },
  };
}

export type NetworksService = ReturnType<typeof createNetworksService>;
