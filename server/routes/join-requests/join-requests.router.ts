import type { ApiRegistry } from '../../http/route.ts';
import type { JoinRequestsService } from '../../services/join-requests/join-requests.service.ts';
import { cityParams } from '../../contract/cities.ts';
import {
  createJoinRequestBody, declineJoinRequestBody, joinRequestListResponse, joinRequestParams, joinRequestSchema, listJoinRequestsQuery,
} from '../../contract/join-requests.ts';

export function registerJoinRequestRoutes(api: ApiRegistry, { joinRequests }: { joinRequests: JoinRequestsService }) {
  const forbidden = { description: "Not a focal point of the city or a manager of its networks" };

  api.route({
    method: 'post', path: '/api/cities/:id/join-requests', tags: ['cities'], summary: 'Ask to join a city with a role',
    auth: 'required', params: cityParams, body: createJoinRequestBody,
    responses: {
      201: { description: 'Requested; its approvers are notified', schema: joinRequestSchema },
      404: { description: 'No such city' }, 409: { description: 'Already a member, or a request is pending' },
    },
    handler: async ({ actor, params, body }) => ({ status: 201, body: await joinRequests.create(actor, params.id, body) }),
  });

  api.route({
    method: 'get', path: '/api/cities/:id/join-requests', tags: ['cities'], summary: "A city's join requests, newest first (default: pending)",
    auth: 'required', params: cityParams, query: listJoinRequestsQuery,
    responses: { 200: { description: 'A page of requests', schema: joinRequestListResponse }, 403: forbidden, 404: { description: 'No such city' } },
    handler: async ({ actor, params, query }) => {
      const { status, ...page } = query;
      return { body: await joinRequests.listForCity(actor, params.id, status, page) };
    },
  });

  api.route({
    method: 'get', path: '/api/join-requests', tags: ['cities'],
    summary: 'The requests the signed-in user may decide, across their cities and networks (default: pending)',
    auth: 'required', query: listJoinRequestsQuery,
    responses: { 200: { description: 'A page of requests', schema: joinRequestListResponse } },
    handler: async ({ actor, query }) => {
      const { status, ...page } = query;
      return { body: await joinRequests.listReviewable(actor, status, page) };
    },
  });

  api.route({
    method: 'get', path: '/api/me/join-requests', tags: ['auth'], summary: "The signed-in user's own join requests (default: pending)",
    auth: 'required', query: listJoinRequestsQuery,
    responses: { 200: { description: 'A page of requests', schema: joinRequestListResponse } },
    handler: async ({ actor, query }) => {
      const { status, ...page } = query;
      return { body: await joinRequests.listMine(actor, status, page) };
    },
  });

  api.route({
    method: 'post', path: '/api/join-requests/:id/approve', tags: ['cities'], summary: 'Approve: the requester becomes a member with the role asked for',
    auth: 'required', params: joinRequestParams,
    responses: {
      200: { description: 'Approved; the requester is notified', schema: joinRequestSchema },
      403: forbidden, 404: { description: 'No such request' }, 409: { description: 'Already decided' },
    },
    handler: async ({ actor, params }) => ({ body: await joinRequests.approve(actor, params.id) }),
  });

  api.route({
    method: 'post', path: '/api/join-requests/:id/decline', tags: ['cities'], summary: 'Decline, with an optional reason the requester sees',
    auth: 'required', params: joinRequestParams, body: declineJoinRequestBody,
    responses: {
      200: { description: 'Declined; the requester is notified', schema: joinRequestSchema },
      403: forbidden, 404: { description: 'No such request' }, 409: { description: 'Already decided' },
    },
    handler: async ({ actor, params, body }) => ({ body: await joinRequests.decline(actor, params.id, body.reason) }),
  });
}
