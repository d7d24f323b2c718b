import type { ApiRegistry } from '../../http/route.ts';
import type { MeService } from '../../services/auth/me.service.ts';
import { meResponse } from '../../contract/me.ts';

export function registerMeRoutes(api: ApiRegistry, { me }: { me: MeService }) {
  api.route({
    method: 'get', path: '/api/me', tags: ['auth'], summary: 'The signed-in user, with their cities and networks',
    auth: 'required',
    responses: { 200: { description: 'The user', schema: meResponse } },
    handler: async ({ actor }) => ({ body: await me.get(actor) }),
  });
}
