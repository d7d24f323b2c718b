import type { RequestHandler } from 'express';
import {
  createThreadBody, directThreadBody, editMessageBody, inviteCityBody, listMessagesQuery, listThreadsQuery, messageListResponse,
  messageParams, messageSchema, postMessageBody, readBody, readResponse, threadListResponse, threadParams, threadSchema,
} from '../../contract/threads.ts';
import type { ApiRegistry } from '../../http/route.ts';
import type { MessagesService } from '../../services/threads/messages.service.ts';
import type { ThreadsService } from '../../services/threads/threads.service.ts';

const hidden = { 404: { description: 'No such thread, or you do not take part in it' } };

export function registerThreadRoutes(api: ApiRegistry, { threads, threadMessages, messageRateLimit }: {
  threads: ThreadsService;
  threadMessages: MessagesService;
  messageRateLimit: RequestHandler;
}) {
  api.route({
    method: 'post', path: '/api/threads', tags: ['threads'], summary: 'Start a thread between your city and others (optionally about a practice, a twinning or a route)',
    auth: 'required', body: createThreadBody,
    responses: { 201: { description: 'Created; the cities invited are notified', schema: threadSchema }, 403: { description: 'Not a member of a city' } },
    handler: async ({ actor, body }) => ({ status: 201, body: await threads.create(actor, body) }),
  });

  api.route({
    method: 'post', path: '/api/threads/direct', tags: ['threads'], summary: 'Open the thread between your city and another one: the existing one (200) or a new one (201)',
    auth: 'required', body: directThreadBody,
    responses: { 200: { description: 'The existing thread', schema: threadSchema }, 201: { description: 'A new thread', schema: threadSchema }, 403: { description: 'Not a member of a city' } },
    handler: async ({ actor, body }) => {
      const { created, thread } = await threads.direct(actor, body);
      return { status: created ? 201 : 200, body: thread };
    },
  });

  api.route({
    method: 'get', path: '/api/threads', tags: ['threads'], summary: 'Threads of your cities, most recently active first, with unread counts',
    auth: 'required', query: listThreadsQuery,
    responses: { 200: { description: 'A page of threads and the total unread', schema: threadListResponse } },
    handler: async ({ actor, query }) => ({ body: await threads.list(actor, query) }),
  });

  api.route({
    method: 'get', path: '/api/threads/:id', tags: ['threads'], summary: 'A thread with its participants and how far each city has read',
    auth: 'required', params: threadParams,
    responses: { 200: { description: 'The thread', schema: threadSchema }, ...hidden },
    handler: async ({ actor, params }) => ({ body: await threads.get(actor, params.id) }),
  });

  api.route({
    method: 'get', path: '/api/threads/:id/messages', tags: ['threads'], summary: 'Messages: newest first (`before`), or oldest first after a seq (`after`, to catch up)',
    auth: 'required', params: threadParams, query: listMessagesQuery,
    responses: { 200: { description: 'A page of messages', schema: messageListResponse }, ...hidden },
    handler: async ({ actor, params, query }) => ({ body: await threadMessages.list(actor, params.id, query) }),
  });

  api.route({
    method: 'post', path: '/api/threads/:id/messages', tags: ['threads'], summary: 'Post a message (Markdown, at most 10,000 characters); mentioned participants are notified',
    auth: 'required', params: threadParams, body: postMessageBody, middleware: [messageRateLimit],
    responses: {
      201: { description: 'Committed with its seq', schema: messageSchema },
      403: { description: 'Not a member of a participating city' },
      429: { description: 'Posting too fast (see Retry-After)' },
      ...hidden,
    },
    handler: async ({ actor, params, body }) => ({ status: 201, body: await threadMessages.post(actor, params.id, body) }),
  });

  api.route({
    method: 'patch', path: '/api/threads/:id/messages/:messageId', tags: ['threads'], summary: 'Edit your message (editedAt is set)',
    auth: 'required', params: messageParams, body: editMessageBody,
    responses: { 200: { description: 'The edited message', schema: messageSchema }, 403: { description: 'Not the author' }, 409: { description: 'Deleted' }, ...hidden },
    handler: async ({ actor, params, body }) => ({ body: await threadMessages.edit(actor, params.id, params.messageId, body) }),
  });

  api.route({
    method: 'delete', path: '/api/threads/:id/messages/:messageId', tags: ['threads'], summary: 'Delete a message (author, or a manager of the cities\' networks): a tombstone keeps its seq',
    auth: 'required', params: messageParams,
    responses: { 200: { description: 'The tombstone', schema: messageSchema }, 403: { description: 'Not allowed' }, ...hidden },
    handler: async ({ actor, params }) => ({ body: await threadMessages.remove(actor, params.id, params.messageId) }),
  });

  api.route({
    method: 'post', path: '/api/threads/:id/read', tags: ['threads'], summary: 'Read through a seq; unread counts follow',
    auth: 'required', params: threadParams, body: readBody,
    responses: { 200: { description: 'Your read position', schema: readResponse }, ...hidden },
    handler: async ({ actor, params, body }) => ({ body: await threads.read(actor, params.id, body) }),
  });

  api.route({
    method: 'post', path: '/api/threads/:id/cities', tags: ['threads'], summary: 'Invite a city: its members take part and are notified',
    auth: 'required', params: threadParams, body: inviteCityBody,
    responses: { 200: { description: 'The thread with the city', schema: threadSchema }, 403: { description: 'Not allowed' }, 409: { description: 'Already in' }, ...hidden },
    handler: async ({ actor, params, body }) => ({ body: await threads.inviteCity(actor, params.id, body) }),
  });
}
