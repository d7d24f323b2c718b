import type { ApiRegistry } from '../../http/route.ts';
import { resolveLang } from '../../lib/lang.ts';
import type { CitiesService } from '../../services/cities/cities.service.ts';
import type { MatchingService } from '../../services/matching/matching.service.ts';
import {
  addMemberBody, cityDetailSchema, cityListResponse, cityParams, createCityBody, langOnlyQuery, listCitiesQuery,
  matchesQuery, matchesResponse, memberListResponse, memberParams, memberResponse, patchCityBody, putPrioritiesBody, putRoutesBody,
} from '../../contract/cities.ts';

export function registerCityRoutes(api: ApiRegistry, { cities, matching }: { cities: CitiesService; matching: MatchingService }) {
  const forbidden = { description: 'Not allowed for this city' };
  const missing = { description: 'No such city' };

  api.route({
    method: 'get', path: '/api/cities', tags: ['cities'],
    summary: 'Cities, filtered by name (accent-insensitive), country, network, route and role, priority and stance',
    query: listCitiesQuery,
    responses: { 200: { description: 'A page of cities in name order', schema: cityListResponse } },
    handler: async ({ query }) => {
      const { limit, cursor, ...filters } = query;
      return { body: await cities.list(filters, { limit, cursor }) };
    },
  });

  api.route({
    method: 'post', path: '/api/cities', tags: ['cities'], summary: 'Create a city (network manager, in networks they manage; or admin)',
    auth: 'required', query: langOnlyQuery, body: createCityBody,
    responses: { 201: { description: 'Created', schema: cityDetailSchema }, 403: { description: 'Not a manager of these networks' }, 409: { description: 'The city exists' } },
    handler: async ({ req, actor, query, body }) => ({ status: 201, body: await cities.create(actor, body, resolveLang(req, query.lang)) }),
  });

  api.route({
    method: 'get', path: '/api/cities/:id', tags: ['cities'], summary: 'A city with its priorities, routes and networks',
    params: cityParams, query: langOnlyQuery,
    responses: { 200: { description: 'The city', schema: cityDetailSchema }, 404: missing },
    handler: async ({ req, params, query }) => ({ body: await cities.detail(params.id, resolveLang(req, query.lang)) }),
  });

  api.route({
    method: 'patch', path: '/api/cities/:id', tags: ['cities'], summary: "Edit a city's profile (focal point or manager)",
    auth: 'required', params: cityParams, query: langOnlyQuery, body: patchCityBody,
    responses: { 200: { description: 'The city', schema: cityDetailSchema }, 403: forbidden, 404: missing },
    handler: async ({ req, actor, params, query, body }) => ({ body: await cities.update(actor, params.id, body, resolveLang(req, query.lang)) }),
  });

  api.route({
    method: 'put', path: '/api/cities/:id/priorities', tags: ['cities'],
    summary: "Replace the city's Charter priorities, each with a stance (all or nothing)",
    auth: 'required', params: cityParams, query: langOnlyQuery, body: putPrioritiesBody,
    responses: { 200: { description: 'The city', schema: cityDetailSchema }, 403: forbidden, 404: missing },
    handler: async ({ req, actor, params, query, body }) => ({ body: await cities.setPriorities(actor, params.id, body.priorities, resolveLang(req, query.lang)) }),
  });

  api.route({
    method: 'put', path: '/api/cities/:id/routes', tags: ['cities'],
    summary: "Replace the city's roles on migration routes (several routes and roles allowed)",
    auth: 'required', params: cityParams, query: langOnlyQuery, body: putRoutesBody,
    responses: { 200: { description: 'The city', schema: cityDetailSchema }, 403: forbidden, 404: missing },
    handler: async ({ req, actor, params, query, body }) => ({ body: await cities.setRoutes(actor, params.id, body.routes, resolveLang(req, query.lang)) }),
  });

  api.route({
    method: 'post', path: '/api/cities/:id/members', tags: ['cities'],
    summary: "Add a member or change a member's role (a manager of the city's networks, or its focal point)",
    auth: 'required', params: cityParams, body: addMemberBody,
    responses: {
      201: { description: 'Added', schema: memberResponse }, 200: { description: 'Role changed', schema: memberResponse },
      403: forbidden, 404: missing,
    },
    handler: async ({ actor, params, body }) => {
      const { created, member } = await cities.addMember(actor, params.id, { userId: body.userId, email: body.email }, body.role);
      return { status: created ? 201 : 200, body: member };
    },
  });

  api.route({
    method: 'get', path: '/api/cities/:id/members', tags: ['cities'],
    summary: "The city's members with their roles (its members, its focal point, its networks' managers)",
    auth: 'required', params: cityParams,
    responses: { 200: { description: 'Members, focal points first', schema: memberListResponse }, 403: forbidden, 404: missing },
    handler: async ({ actor, params }) => ({ body: await cities.listMembers(actor, params.id) }),
  });

  api.route({
    method: 'delete', path: '/api/cities/:id/members/:userId', tags: ['cities'],
    summary: 'Remove a member (a manager of the city\'s networks, or its focal point); the last focal point stays',
    auth: 'required', params: memberParams,
    responses: { 204: { description: 'Removed' }, 403: forbidden, 404: { description: 'No such city or member' }, 409: { description: 'The last focal point' } },
    handler: async ({ actor, params }) => {
      await cities.removeMember(actor, params.id, params.userId);
      return { status: 204 };
    },
  });

  api.route({
    method: 'get', path: '/api/cities/:id/matches', tags: ['cities'],
    summary: 'Peers for a city, best first, each with a score in 0..1 and the reasons behind it',
    params: cityParams, query: matchesQuery,
    responses: { 200: { description: 'Ranked peers', schema: matchesResponse }, 404: missing },
    handler: async ({ req, params, query }) => {
      // an unknown city is a 404 from the index itself (it looks in the database before saying so)
      const { lang, ...opts } = query;
      return { body: await matching.matchesFor(params.id, { ...opts, lang: resolveLang(req, lang) }) };
    },
  });
}
