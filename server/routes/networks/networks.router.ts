import type { ApiRegistry } from '../../http/route.ts';
import type { NetworksService } from '../../services/networks/networks.service.ts';
import {
  addCityBody, addedCityResponse, addedManagerResponse, addManagerBody, createNetworkBody, networkCityParams, networkDetailResponse,
  networkIdOrSlugParams, networkListResponse, networkManagerParams, networkParams, networkSchema,
} from '../../contract/networks.ts';

export function registerNetworkRoutes(api: ApiRegistry, { networks }: { networks: NetworksService }) {
  api.route({
    method: 'get', path: '/api/networks', tags: ['networks'], summary: 'Networks of cities',
    responses: { 200: { description: 'All networks', schema: networkListResponse } },
    handler: async () => ({ body: { items: await networks.list() } }),
  });

  api.route({
    method: 'get', path: '/api/networks/:id', tags: ['networks'], summary: 'A network (by id or slug) with its member cities',
    params: networkIdOrSlugParams,
    responses: { 200: { description: 'The network; `managers` only for its managers and admins', schema: networkDetailResponse }, 404: { description: 'No such network' } },
    handler: async ({ actor, params }) => ({ body: await networks.detail(actor, params.id) }),
  });

  api.route({
    method: 'post', path: '/api/networks', tags: ['networks'], summary: 'Create a network (platform admin or network manager, who becomes its manager)',
    auth: 'required', body: createNetworkBody,
    responses: { 201: { description: 'Created', schema: networkSchema }, 403: { description: 'Neither admin nor manager' }, 409: { description: 'Slug taken' } },
    handler: async ({ actor, body }) => ({ status: 201, body: await networks.create(actor, body) }),
  });

  api.route({
    method: 'post', path: '/api/networks/:id/managers', tags: ['networks'], summary: 'Make a user (by id or e-mail) manager of the network (admin or its managers)',
    auth: 'required', params: networkParams, body: addManagerBody,
    responses: { 201: { description: 'Added', schema: addedManagerResponse }, 403: { description: 'Not a manager of this network' }, 404: { description: 'No such network' } },
    handler: async ({ actor, params, body }) => ({ status: 201, body: await networks.addManager(actor, params.id, body) }),
  });

  api.route({
    method: 'delete', path: '/api/networks/:id/managers/:userId', tags: ['networks'], summary: 'Remove a manager (admin or its managers; one always remains)',
    auth: 'required', params: networkManagerParams,
    responses: { 204: { description: 'Removed' }, 403: { description: 'Not a manager of this network' }, 404: { description: 'No such network or manager' }, 409: { description: 'The last manager' } },
    handler: async ({ actor, params }) => {
      await networks.removeManager(actor, params.id, params.userId);
      return { status: 204 };
    },
  });

  api.route({
    method: 'post', path: '/api/networks/:id/members', tags: ['networks'], summary: 'Add a city to the network (its managers)',
    auth: 'required', params: networkParams, body: addCityBody,
    responses: { 201: { description: 'Added', schema: addedCityResponse }, 403: { description: 'Not a manager of this network' }, 404: { description: 'No such network' } },
    handler: async ({ actor, params, body }) => ({ status: 201, body: await networks.addCity(actor, params.id, body.cityId) }),
  });

  api.route({
    method: 'delete', path: '/api/networks/:id/members/:cityId', tags: ['networks'], summary: 'Remove a city from the network (its managers)',
    auth: 'required', params: networkCityParams,
    responses: { 204: { description: 'Removed' }, 403: { description: 'Not a manager of this network' }, 404: { description: 'No such network or member' } },
    handler: async ({ actor, params }) => {
      await networks.removeCity(actor, params.id, params.cityId);
      return { status: 204 };
    },
  });
}
