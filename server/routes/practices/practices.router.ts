import type { ApiRegistry } from '../../http/route.ts';
import type { PracticesService } from '../../services/practices/practices.service.ts';
import type { Transition } from '../../services/practices/practice.workflow.ts';
import {
  createPracticeBody, listPracticesQuery, practiceListResponse, practiceParams, practiceSchema, previewBody, previewResponse, revisionListResponse, transitionBody, updatePracticeBody,
} from '../../contract/practices.ts';

const TRANSITION_DOCS: Record<Transition, string> = {
  submit: 'Submit a draft for review (author, city members) → in_review',
  publish: 'Publish (managers of a network the city belongs to) → published',
  return: 'Return a practice in review to its author (reviewers) → draft',
  archive: 'Archive (author, city focal points, reviewers) → archived',
};

export function registerPracticeRoutes(api: ApiRegistry, { practices }: { practices: PracticesService }) {
  api.route({
    method: 'get', path: '/api/practices', tags: ['practices'], summary: 'Practices: published ones, plus the unpublished ones you may see',
    auth: 'optional', query: listPracticesQuery,
    responses: { 200: { description: 'A page of practices', schema: practiceListResponse } },
    handler: async ({ actor, query }) => ({ body: await practices.list(actor, query) }),
  });

  api.route({
    method: 'post', path: '/api/practices', tags: ['practices'], summary: 'Write a practice (members of the city): a draft',
    auth: 'required', body: createPracticeBody,
    responses: { 201: { description: 'Created as a draft', schema: practiceSchema }, 403: { description: 'Not a member of the city' } },
    handler: async ({ actor, body }) => ({ status: 201, body: await practices.create(actor, body) }),
  });

  api.route({
    method: 'post', path: '/api/practices/preview', tags: ['practices'], summary: 'Render Markdown exactly as a stored body is rendered and sanitised (the editor\'s live preview)',
    auth: 'required', body: previewBody,
    responses: { 200: { description: 'The sanitised HTML', schema: previewResponse } },
    handler: async ({ body }) => ({ body: { bodyHtml: practices.preview(body.body) } }),
  });

  api.route({
    method: 'get', path: '/api/practices/:id', tags: ['practices'], summary: 'A practice with its Markdown body and the sanitised HTML',
    auth: 'optional', params: practiceParams,
    responses: { 200: { description: 'The practice', schema: practiceSchema }, 404: { description: 'No such practice, or not visible to you' } },
    handler: async ({ actor, params }) => ({ body: await practices.get(actor, params.id) }),
  });

  api.route({
    method: 'patch', path: '/api/practices/:id', tags: ['practices'], summary: 'Edit a practice (author/focal point while a draft, reviewers after)',
    auth: 'required', params: practiceParams, body: updatePracticeBody,
    responses: {
      200: { description: 'The new version', schema: practiceSchema },
      403: { description: 'Not allowed to edit it' },
      404: { description: 'No such practice' },
      409: { description: 'Archived, or changed meanwhile (stale `version`)' },
    },
    handler: async ({ actor, params, body }) => ({ body: await practices.update(actor, params.id, body) }),
  });

  api.route({
    method: 'get', path: '/api/practices/:id/revisions', tags: ['practices'], summary: 'Every change of a practice, newest first',
    auth: 'required', params: practiceParams,
    responses: { 200: { description: 'Revisions', schema: revisionListResponse }, 404: { description: 'No such practice' } },
    handler: async ({ actor, params }) => ({ body: { items: await practices.revisions(actor, params.id) } }),
  });

  for (const transition of Object.keys(TRANSITION_DOCS) as Transition[]) {
    api.route({
      method: 'post', path: `/api/practices/:id/${transition}`, tags: ['practices'], summary: TRANSITION_DOCS[transition],
      auth: 'required', params: practiceParams, body: transitionBody,
      responses: {
        200: { description: 'The practice in its new status', schema: practiceSchema },
        403: { description: 'Not allowed' },
        404: { description: 'No such practice' },
        409: { description: 'Not possible from the current status, or stale `version`' },
      },
      handler: async ({ actor, params, body }) => ({ body: await practices.transition(actor, params.id, transition, { version: body.version, note: body.note ?? body.comment }) }),
    });
  }
}
