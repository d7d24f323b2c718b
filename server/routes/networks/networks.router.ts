import { z } from 'zod';
import type { ApiRegistry } from '../../http/route.ts';
import type { NetworksService } from '../../services/networks/networks.service.ts';
import { addCityBody, addManagerBody, createNetworkBody, networkListResponse, networkParams, networkSchema } from '../../contract/networks.ts';

export function registerNetworkRoutes(api: ApiRegistry, { networks }: { networks: NetworksService }) {
  api.route({
    method: 'get', path: '/api/networks', tags: ['networks'], summary: 'Networks of cities',
    responses: { 200: { description: 'All networks', schema: networkListResponse } },
    handler: async () => ({ body: { items: await networks.list() } }),
  });

  api.route({
    method: 'post', path: '/api/networks', tags: ['networks'], summary: 'Create a network (platform admin)',
    auth: 'required', body: createNetworkBody,
    responses: { 201: { description: 'Created', schema: networkSchema }, 403: { description: 'Not an admin' }, 409: { description: 'Slug taken' } },
    handler: async ({ actor, body }) => ({ status: 201, body: await networks.create(actor, body) }),
  });

  api.route({
    method: 'post', path: '/api/networks/:id/managers', tags: ['networks'], summary: 'Make a user manager of the network (platform admin)',
    auth: 'required', params: networkParams, body: addManagerBody,
    responses: { 201: { description: 'Added', schema: z.object({ networkId: z.string(), userId: z.string() }) }, 403: { description: 'Not an admin' }, 404: { description: 'No such network' } },
    handler: async ({ actor, params, body }) => ({ status: 201, body: await networks.addManager(actor, params.id, body.userId) }),
  });

  api.route({
    method: 'post', path: '/api/networks/:id/members', tags: ['networks'], summary: 'Add a city to the network (its managers)',
    auth: 'required', params: networkParams, body: addCityBody,
    responses: { 201: { description: 'Added', schema: z.object({ networkId: z.string(), cityId: z.string() }) }, 403: { description: 'Not a manager of this network' }, 404: { description: 'No such network' } },
    handler: async ({ actor, params, body }) => ({ status: 201, body: await networks.addCity(actor, params.id, body.cityId) }),
  });
}
