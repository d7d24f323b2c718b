import type { RequestHandler } from 'express';
import type { ApiRegistry } from '../../http/route.ts';
import type { MeService } from '../../services/auth/me.service.ts';
import { changePasswordBody, meResponse, updateMeBody } from '../../contract/me.ts';

export function registerMeRoutes(api: ApiRegistry, { me, authRateLimit }: { me: MeService; authRateLimit?: RequestHandler }) {
  api.route({
    method: 'get', path: '/api/me', tags: ['auth'], summary: 'The signed-in user, with their cities and networks',
    auth: 'required',
    responses: { 200: { description: 'The user', schema: meResponse } },
    handler: async ({ actor }) => ({ body: await me.get(actor) }),
  });

  api.route({
    method: 'patch', path: '/api/me', tags: ['auth'], summary: 'Edit the profile: name, interface language, time zone',
    auth: 'required', body: updateMeBody,
    responses: { 200: { description: 'The user', schema: meResponse } },
    handler: async ({ actor, body }) => ({ body: await me.update(actor, body) }),
  });

  api.route({
    method: 'post', path: '/api/me/password', tags: ['auth'],
    summary: 'Change the password (the current one is checked); the other sessions end',
    auth: 'required', body: changePasswordBody,
    // the current password is guessable here too: the sign-in limit applies
    ...(authRateLimit ? { middleware: [authRateLimit] } : {}),
    responses: { 204: { description: 'Changed' } },
    handler: async ({ actor, body }) => {
      await me.changePassword(actor, body.currentPassword, body.newPassword);
      return { status: 204 };
    },
  });
}
