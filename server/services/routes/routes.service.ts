import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { cityRefSelect, presentCityRef } from '../../presenters/city.presenter.ts';
import { ROUTE_ROLES } from '../../contract/common.ts';

const ROLES = ROUTE_ROLES;

type RouteRow = { id: string; slug: string; name: string; description: string | null; sourcedFrom: string | null; stageHints: unknown };

export const presentRoute = (r: RouteRow) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  sourcedFrom: r.sourcedFrom,
  stageHints: r.stageHints as Record<string, string[]>,
});

export function createRoutesService({ db }: { db: Db }) {
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

    async create(input: { slug: string; name: string; description?: string }) {
      const exists = await db.route.findUnique({ where: { slug: input.slug }, select: { id: true } });
      if (exists) throw conflict(`A route with slug "${input.slug}" already exists`);
      return presentRoute(await db.route.create({ data: input }));
    },
  };
}

export type RoutesService = ReturnType<typeof createRoutesService>;
