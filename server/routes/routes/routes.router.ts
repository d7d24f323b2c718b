import type { Db } from '../../db/client.ts';
import type { ApiRegistry } from '../../http/route.ts';
import { assert } from '../../policies/assert.ts';
import { networkPolicy } from '../../policies/network.policy.ts';
import { loadPrincipal } from '../../policies/principal.ts';
import type { RoutesService } from '../../services/routes/routes.service.ts';
import { createRouteBody, routeDetailResponse, routeListResponse, routeParams, routeSchema } from '../../contract/migration-routes.ts';

export function registerRoutesRoutes(api: ApiRegistry, { db, routes }: { db: Db; routes: RoutesService }) {
  api.route({
    method: 'get', path: '/api/routes', tags: ['reference'], summary: 'Named migration routes',
    responses: { 200: { description: 'All routes', schema: routeListResponse } },
    handler: async () => ({ body: { items: await routes.list() } }),
  });

  api.route({
    method: 'get', path: '/api/routes/:slug', tags: ['reference'], summary: "A route and its cities by stage",
    params: routeParams,
    responses: { 200: { description: 'The route', schema: routeDetailResponse }, 404: { description: 'No such route' } },
    handler: async ({ params }) => ({ body: await routes.getBySlug(params.slug) }),
  });

  api.route({
    method: 'post', path: '/api/routes', tags: ['reference'], summary: 'Add a named route (network manager or admin)',
    auth: 'required', body: createRouteBody,
    responses: { 201: { description: 'Created', schema: routeSchema }, 403: { description: 'Not a manager' }, 409: { description: 'Slug taken' } },
    handler: async ({ actor, body }) => {
      assert(networkPolicy.canCreateRoute(await loadPrincipal(db, actor)), 'Only network managers can add routes');
      return { status: 201, body: await routes.create(body) };
    },
  });
}
