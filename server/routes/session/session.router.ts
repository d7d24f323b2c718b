import type { ApiRegistry } from '../../http/route.ts';
import type { MeService } from '../../services/auth/me.service.ts';
import { sessionResponse } from '../../contract/session.ts';

/** The client's start-up probe: unlike GET /api/me it answers 200 with `user: null` for anonymous visitors. */
export function registerSessionRoutes(api: ApiRegistry, { me }: { me: MeService }) {
  api.route({
    method: 'get', path: '/api/session', tags: ['auth'], summary: 'The signed-in user, or null when anonymous',
    auth: 'optional',
    responses: { 200: { description: 'The session', schema: sessionResponse } },
    handler: async ({ actor }) => ({ body: { user: actor ? (await me.get(actor)).user : null } }),
  });
}
