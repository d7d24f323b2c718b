import type { ApiRegistry } from '../../http/route.ts';
import { resolveLang } from '../../lib/lang.ts';
import type { MigrationRoutesService } from '../../services/migration-routes/migration-routes.service.ts';
import {
  createRouteBody, patchRouteBody, routeDetailResponse, routeLangQuery, routeListResponse, routeParams, routeSchema,
} from '../../contract/migration-routes.ts';

/** The migration-route resource; its public path is `/api/routes`. Names and descriptions follow `?lang=` or Accept-Language. */
export function registerMigrationRouteRoutes(api: ApiRegistry, { migrationRoutes }: { migrationRoutes: MigrationRoutesService }) {
  api.route({
    method: 'get', path: '/api/routes', tags: ['reference'], summary: 'Named migration routes',
    query: routeLangQuery,
    responses: { 200: { description: 'All routes', schema: routeListResponse } },
    handler: async ({ req, query }) => ({ body: { items: await migrationRoutes.list(resolveLang(req, query.lang)) } }),
  });

  api.route({
    method: 'get', path: '/api/routes/:slug', tags: ['reference'], summary: "A route and its cities by stage",
    params: routeParams, query: routeLangQuery,
    responses: { 200: { description: 'The route', schema: routeDetailResponse }, 404: { description: 'No such route' } },
    handler: async ({ req, params, query }) => ({ body: await migrationRoutes.getBySlug(params.slug, resolveLang(req, query.lang)) }),
  });

  api.route({
    method: 'post', path: '/api/routes', tags: ['reference'], summary: 'Add a named route (network manager or admin)',
    auth: 'required', query: routeLangQuery, body: createRouteBody,
    responses: { 201: { description: 'Created', schema: routeSchema }, 403: { description: 'Not a manager' }, 409: { description: 'Slug taken' } },
    handler: async ({ req, actor, query, body }) => ({ status: 201, body: await migrationRoutes.create(actor, body, resolveLang(req, query.lang)) }),
  });

  api.route({
    method: 'patch', path: '/api/routes/:slug', tags: ['reference'], summary: 'Edit a route: names, descriptions, stage countries (network manager or admin)',
    auth: 'required', params: routeParams, query: routeLangQuery, body: patchRouteBody,
    responses: { 200: { description: 'The route as edited', schema: routeSchema }, 403: { description: 'Not a manager' }, 404: { description: 'No such route' } },
    handler: async ({ req, actor, params, query, body }) => ({ body: await migrationRoutes.update(actor, params.slug, body, resolveLang(req, query.lang)) }),
  });
}
