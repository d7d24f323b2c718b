import {
  acceptBody, brokeringQuery, brokeringResponse, createTwinningBody, declineBody, endBody, listTwinningsQuery, networkParams,
  planSchema, putPlanBody, twinningDetailSchema, twinningListResponse, twinningParams, withdrawBody,
} from '../../contract/twinnings.ts';
import type { ApiRegistry } from '../../http/route.ts';
import { resolveLang } from '../../lib/lang.ts';
import type { TwinningsService } from '../../services/twinnings/twinnings.service.ts';

const hidden = { 404: { description: 'No such twinning, or you may not see it' } };
const moved = { 200: { description: 'The twinning after the move', schema: twinningDetailSchema }, 403: { description: 'Not yours to make' }, 409: { description: 'The status does not allow it, or another move came first' }, ...hidden };

export function registerTwinningRoutes(api: ApiRegistry, { twinnings }: { twinnings: TwinningsService }) {
  api.route({
    method: 'post', path: '/api/twinnings', tags: ['twinnings'],
    summary: 'Ask a city to twin (a focal point of fromCityId: requested) or broker a pairing (a manager of a network both belong to: proposed)',
    auth: 'required', body: createTwinningBody,
    responses: { 201: { description: 'Created; the cities concerned are notified', schema: twinningDetailSchema }, 403: { description: 'Neither focal point of fromCityId nor manager of a common network' }, 409: { description: 'The pair already has an open or active twinning' } },
    handler: async ({ req, actor, body }) => ({ status: 201, body: await twinnings.create(actor, body, resolveLang(req)) }),
  });

  api.route({
    method: 'get', path: '/api/twinnings', tags: ['twinnings'], summary: 'Twinnings you may see, newest first; `awaitingMe=true`: those waiting for your city\'s answer',
    auth: 'required', query: listTwinningsQuery,
    responses: { 200: { description: 'A page of twinnings', schema: twinningListResponse } },
    handler: async ({ actor, query }) => ({ body: await twinnings.list(actor, query) }),
  });

  api.route({
    method: 'get', path: '/api/twinnings/:id', tags: ['twinnings'], summary: 'A twinning with its audit trail, consents, match reasons and plan',
    auth: 'required', params: twinningParams,
    responses: { 200: { description: 'The twinning', schema: twinningDetailSchema }, ...hidden },
    handler: async ({ actor, params }) => ({ body: await twinnings.get(actor, params.id) }),
  });

  api.route({
    method: 'post', path: '/api/twinnings/:id/accept', tags: ['twinnings'], summary: 'Consent for your city; the last consent makes it active (and opens its thread)',
    auth: 'required', params: twinningParams, body: acceptBody, responses: moved,
    handler: async ({ actor, params, body }) => ({ body: await twinnings.accept(actor, params.id, body) }),
  });

  api.route({
    method: 'post', path: '/api/twinnings/:id/decline', tags: ['twinnings'], summary: 'Decline for your city, with a reason',
    auth: 'required', params: twinningParams, body: declineBody, responses: moved,
    handler: async ({ actor, params, body }) => ({ body: await twinnings.decline(actor, params.id, body) }),
  });

  api.route({
    method: 'post', path: '/api/twinnings/:id/withdraw', tags: ['twinnings'], summary: 'Withdraw your request or proposal before it is active',
    auth: 'required', params: twinningParams, body: withdrawBody, responses: moved,
    handler: async ({ actor, params, body }) => ({ body: await twinnings.withdraw(actor, params.id, body) }),
  });

  api.route({
    method: 'post', path: '/api/twinnings/:id/end', tags: ['twinnings'], summary: 'End an active twinning; its outcome stays on record',
    auth: 'required', params: twinningParams, body: endBody, responses: moved,
    handler: async ({ actor, params, body }) => ({ body: await twinnings.end(actor, params.id, body) }),
  });

  api.route({
    method: 'put', path: '/api/twinnings/:id/plan', tags: ['twinnings'], summary: 'Save the agreement plan (a new revision; focal points of either city, while active); reminders follow its dates',
    auth: 'required', params: twinningParams, body: putPlanBody,
    responses: { 200: { description: 'The saved plan, with warnings', schema: planSchema }, 403: { description: 'Not a focal point of either city' }, 409: { description: 'Not active, or the plan changed since baseRevision' }, ...hidden },
    handler: async ({ actor, params, body }) => ({ body: await twinnings.putPlan(actor, params.id, body) }),
  });

  api.route({
    method: 'get', path: '/api/twinnings/:id/calendar.ics', tags: ['twinnings'], summary: 'The plan as iCalendar (text/calendar): one VEVENT per visit and activity',
    auth: 'required', params: twinningParams,
    responses: { 200: { description: 'text/calendar' }, ...hidden },
    handler: async ({ res, actor, params }) => {
      const ics = await twinnings.calendar(actor, params.id);
      res.status(200).type('text/calendar; charset=utf-8').set('Content-Disposition', `attachment; filename="${ics.filename}"`).send(ics.body);
    },
  });

  api.route({
    method: 'get', path: '/api/networks/:id/brokering', tags: ['twinnings', 'networks'], summary: 'Pairs of the network\'s cities by mutual match, without an open or active twinning (its managers)',
    auth: 'required', params: networkParams, query: brokeringQuery,
    responses: { 200: { description: 'Pairs, best first', schema: brokeringResponse }, 403: { description: 'Not a manager of the network' }, 404: { description: 'No such network' } },
    handler: async ({ req, actor, params, query }) => ({ body: await twinnings.brokering(actor, params.id, query, resolveLang(req, query.lang)) }),
  });
}
