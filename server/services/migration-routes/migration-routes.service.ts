import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { assert } from '../../policies/assert.ts';
import { networkPolicy } from '../../policies/network.policy.ts';
import { cityRefSelect, presentCityRef } from '../../presenters/city.presenter.ts';
import { presentRoute } from '../../presenters/migration-route.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { ROUTE_ROLES } from '../../contract/common.ts';

const ROLES = ROUTE_ROLES;

/** Named migration routes (the `/api/routes` resource) and the cities on each stage. */
export function createMigrationRoutesService({ db }: { db: Db }) {
  return {
    async list() {
      const routes = await db.route.findMany({ orderBy: { name: 'asc' } });
      const counts = await db.cityRoute.groupBy({ by: ['routeId'], _count: { cityId: true } });
      const countOf = new Map(counts.map((c) => [c.routeId, c._count.cityId]));
      return routes.map((r) => ({ ...presentRoute(r), cityCount: countOf.get(r.id) ?? 0 }));
    },

    /** A route with its cities grouped by stage; a city holding two roles appears in both stages. */
    async getBySlug(slug: string) {
      const route = await db.route.findUnique({
        where: { slug },
        include: { cities: { select: { role: true, city: { select: cityRefSelect } }, orderBy: { city: { name: 'asc' } } } },
      });
      if (!route) throw notFound('Route');
      const stages = Object.fromEntries(ROLES.map((role) => [
        role,
        route.cities.filter((c) => c.role === role).map((c) => presentCityRef(c.city)),
      ])) as Record<(typeof ROLES)[number], ReturnType<typeof presentCityRef>[]>;
      return { route: presentRoute(route), stages };
    },

    async create(actor: Actor, input: { slug: string; name: string; description?: string }) {
      assert(networkPolicy.canCreateRoute(await loadPrincipal(db, actor)), 'Only network managers can add routes');
      const exists = await db.route.findUnique({ where: { slug: input.slug }, select: { id: true } });
      if (exists) throw conflict(`A route with slug "${input.slug}" already exists`);
      return presentRoute(await db.route.create({ data: input }));
    },
  };
}

export type MigrationRoutesService = ReturnType<typeof createMigrationRoutesService>;
