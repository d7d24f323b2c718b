import type { ApiRegistry } from '../../http/route.ts';
import type { MigrationRoutesService } from '../../services/migration-routes/migration-routes.service.ts';
import { createRouteBody, routeDetailResponse, routeListResponse, routeParams, routeSchema } from '../../contract/migration-routes.ts';

/** The migration-route resource; its public path is `/api/routes`. */
export function registerMigrationRouteRoutes(api: ApiRegistry, { migrationRoutes }: { migrationRoutes: MigrationRoutesService }) {
  api.route({
    method: 'get', path: '/api/routes', tags: ['reference'], summary: 'Named migration routes',
    responses: { 200: { description: 'All routes', schema: routeListResponse } },
    handler: async () => ({ body: { items: await migrationRoutes.list() } }),
  });

  api.route({
    method: 'get', path: '/api/routes/:slug', tags: ['reference'], summary: "A route and its cities by stage",
    params: routeParams,
    responses: { 200: { description: 'The route', schema: routeDetailResponse }, 404: { description: 'No such route' } },
    handler: async ({ params }) => ({ body: await migrationRoutes.getBySlug(params.slug) }),
  });

  api.route({
    method: 'post', path: '/api/routes', tags: ['reference'], summary: 'Add a named route (network manager or admin)',
    auth: 'required', body: createRouteBody,
    responses: { 201: { description: 'Created', schema: routeSchema }, 403: { description: 'Not a manager' }, 409: { description: 'Slug taken' } },
    handler: async ({ actor, body }) => ({ status: 201, body: await migrationRoutes.create(actor, body) }),
  });
}
