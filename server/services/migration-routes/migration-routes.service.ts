import type { Db, Tx } from '../../db/client.ts';
import type { CreateRouteInput, PatchRouteInput, RouteStages } from '../../contract/migration-routes.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Lang } from '../../lib/lang.ts';
import { assert } from '../../policies/assert.ts';
import { networkPolicy } from '../../policies/network.policy.ts';
import { cityRefSelect, presentCityRef } from '../../presenters/city.presenter.ts';
import { presentRoute } from '../../presenters/migration-route.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { ROUTE_ROLES } from '../../contract/common.ts';
import type { createOutbox } from '../outbox/outbox.ts';
import type { createReferenceCheck } from '../reference/reference-check.ts';

const ROLES = ROUTE_ROLES;
type Texts = Record<string, string>;

/** Drops translations set to "" (that is how a client removes one). */
const merged = (current: unknown, change: Texts | undefined, en?: string | null): Texts => {
  const out: Texts = { ...(current && typeof current === 'object' ? (current as Texts) : {}), ...(change ?? {}) };
  if (en !== undefined) out.en = en ?? '';
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== ''));
};

/** Named migration routes (the `/api/routes` resource) and the cities on each stage. */
export function createMigrationRoutesService({ db, refs, outbox }: {
  db: Db;
  refs: Pick<ReturnType<typeof createReferenceCheck>, 'countries'>;
  outbox: ReturnType<typeof createOutbox>;
}) {
  /** Every unknown stage country, named by its path (`stages.transit.2`). */
  async function checkStages(stages: RouteStages | undefined) {
    if (!stages) return;
    const errors = await refs.countries(ROLES.flatMap((role) => stages[role].map((value, i) => ({ path: `stages.${role}.${i}`, value }))));
    if (errors.length) throw badRequest('Unknown stage countries', errors);
  }

  /** Search documents carry route names: re-index the route's practices when its names change. */
  async function reindexPractices(tx: Tx, routeId: string, cause: string) {
    const practices = await tx.practiceRoute.findMany({ where: { routeId }, select: { practiceId: true } });
    await outbox.addMany(tx, practices.map((p) => ({
      job: 'search.index-practice' as const, payload: { practiceId: p.practiceId }, key: `${p.practiceId}-route-${cause}`,
    })));
  }

  return {
    async list(lang: Lang = 'en') {
      const routes = await db.route.findMany({ orderBy: { name: 'asc' } });
      const counts = await db.cityRoute.groupBy({ by: ['routeId'], _count: { cityId: true } });
      const countOf = new Map(counts.map((c) => [c.routeId, c._count.cityId]));
      return routes
        .map((r) => ({ ...presentRoute(r, lang), cityCount: countOf.get(r.id) ?? 0 }))
        .sort((a, b) => a.name.localeCompare(b.name, lang));
    },

    /** A route with its cities grouped by stage; a city holding two roles appears in both stages. */
    async getBySlug(slug: string, lang: Lang = 'en') {
      const route = await db.route.findUnique({
        where: { slug },
        include: { cities: { select: { role: true, city: { select: { ...cityRefSelect, lat: true, lon: true } } }, orderBy: { city: { name: 'asc' } } } },
      });
      if (!route) throw notFound('Route');
      const stages = Object.fromEntries(ROLES.map((role) => [
        role,
        route.cities.filter((c) => c.role === role).map((c) => ({ ...presentCityRef(c.city), lat: c.city.lat, lon: c.city.lon })),
      ])) as Record<(typeof ROLES)[number], (ReturnType<typeof presentCityRef> & { lat: number | null; lon: number | null })[]>;
      return { route: presentRoute(route, lang), stages };
    },

    async create(actor: Actor, input: CreateRouteInput, lang: Lang = 'en') {
      assert(networkPolicy.canCreateRoute(await loadPrincipal(db, actor)), 'Only network managers can add routes');
      await checkStages(input.stages);
      const exists = await db.route.findUnique({ where: { slug: input.slug }, select: { id: true } });
      if (exists) throw conflict(`A route with slug "${input.slug}" already exists`);
      const row = await db.route.create({
        data: {
          slug: input.slug,
          name: input.name,
          description: input.description || null,
          sourcedFrom: input.sourcedFrom || null,
          stageHints: input.stages ?? { origin: [], transit: [], destination: [] },
          names: merged({}, input.names, input.name),
          descriptions: merged({}, input.descriptions, input.description || null),
        },
      });
      return presentRoute(row, lang);
    },

    /** Edits a route's names, descriptions, source and stage countries; the slug (its URL) stays. */
    async update(actor: Actor, slug: string, input: PatchRouteInput, lang: Lang = 'en') {
      const route = await db.route.findUnique({ where: { slug } });
      if (!route) throw notFound('Route');
      assert(networkPolicy.canEditRoute(await loadPrincipal(db, actor)), 'Only network managers can edit routes');
      await checkStages(input.stages);
      const description = input.description === undefined ? undefined : input.description || null;
      const names = merged(route.names, input.names, input.name);
      const renamed = JSON.stringify(names) !== JSON.stringify(route.names) || (input.name !== undefined && input.name !== route.name);
      const row = await db.$transaction(async (tx) => {
        const updated = await tx.route.update({
          where: { id: route.id },
          data: {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(description !== undefined ? { description } : {}),
            ...(input.sourcedFrom !== undefined ? { sourcedFrom: input.sourcedFrom || null } : {}),
            ...(input.stages ? { stageHints: input.stages } : {}),
            names,
            descriptions: merged(route.descriptions, input.descriptions, description),
          },
        });
        // the cause of each re-index is this edit (a later edit is another cause)
        if (renamed) await reindexPractices(tx, route.id, `${route.id}-${Date.now()}`);
        return updated;
      });
      return presentRoute(row, lang);
    },
  };
}

export type MigrationRoutesService = ReturnType<typeof createMigrationRoutesService>;
