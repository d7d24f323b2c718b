import type { ApiRegistry } from '../../http/route.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import type { Db } from '../../db/client.ts';
import { meResponse } from '../../contract/me.ts';
import { createMembershipsQuery } from '../../services/auth/memberships.ts';

export function registerMeRoutes(api: ApiRegistry, { db }: { db: Db }) {
  const memberships = createMembershipsQuery({ db });
  api.route({
    method: 'get', path: '/api/me', tags: ['auth'], summary: 'The signed-in user, with their cities and networks',
    auth: 'required',
    responses: { 200: { description: 'The user', schema: meResponse } },
    handler: async ({ actor }) => ({ body: { user: presentUser(actor.user), ...(await memberships.of(actor.userId)) } }),
  });
}
