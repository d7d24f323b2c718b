import type { RequestHandler } from 'express';
import type { ApiRegistry } from '../../http/route.ts';
import { SESSION_COOKIE } from '../../middleware/auth.ts';
import type { AuthService } from '../../services/auth/auth.service.ts';
import { loginBody, loginResponse, registerBody, userResponse } from '../../contract/auth.ts';

export function registerAuthRoutes(api: ApiRegistry, { auth, authRateLimit, cookieSecure }: {
  auth: AuthService;
  authRateLimit: RequestHandler;
  cookieSecure: boolean;
}) {
  api.route({
    method: 'post', path: '/api/auth/register', tags: ['auth'], summary: 'Create an account',
    body: registerBody, middleware: [authRateLimit],
    responses: { 201: { description: 'Created', schema: userResponse }, 409: { description: 'E-mail already registered' }, 429: { description: 'Too many attempts from this address' } },
    handler: async ({ body }) => ({ status: 201, body: { user: await auth.register(body) } }),
  });

  api.route({
    method: 'post', path: '/api/auth/login', tags: ['auth'], summary: 'Sign in: returns a bearer token and sets the session cookie',
    body: loginBody, middleware: [authRateLimit],
    responses: { 200: { description: 'Signed in', schema: loginResponse }, 401: { description: 'Wrong e-mail or password' }, 429: { description: 'Too many attempts from this address' } },
    handler: async ({ body, req, res }) => {
      const session = await auth.login(body.email, body.password, { userAgent: req.get('user-agent'), ip: req.ip });
      res.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true, sameSite: 'lax', secure: cookieSecure, path: '/', expires: session.expiresAt,
      });
      return { body: { token: session.token, expiresAt: session.expiresAt.toISOString(), user: session.user } };
    },
  });

  api.route({
    method: 'post', path: '/api/auth/logout', tags: ['auth'], summary: 'Sign out: ends this session',
    responses: { 204: { description: 'Signed out' } },
    handler: async ({ actor, res }) => {
      if (actor) await auth.logout(actor.sessionId);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  });
}
