import { randomUUID } from 'node:crypto';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { assetHeaders, isClientAsset } from './http/static-client.ts';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { Container } from './container.ts';
import { createRateLimit } from './http/rate-limit.ts';
import { problemHandler } from './http/problem-handler.ts';
import { serveClient } from './http/static-client.ts';
import { createApiRegistry } from './http/route.ts';
import { notFound } from './lib/errors.ts';
import { resolveActor } from './middleware/auth.ts';
import { buildOpenApiDocument } from './openapi/document.ts';
import { registerAuthRoutes } from './routes/auth/auth.router.ts';
import { registerCityRoutes } from './routes/cities/cities.router.ts';
import { registerJoinRequestRoutes } from './routes/join-requests/join-requests.router.ts';
import { registerPlaceRoutes } from './routes/places/places.router.ts';
import { registerImportRoutes } from './routes/imports/imports.router.ts';
import { healthRouter, type ReadinessCheck } from './routes/health/health.router.ts';
import { registerMeRoutes } from './routes/me/me.router.ts';
import { registerNetworkRoutes } from './routes/networks/networks.router.ts';
import { registerNotificationRoutes } from './routes/notifications/notifications.router.ts';
import { registerPracticeRoutes } from './routes/practices/practices.router.ts';
import { registerMigrationRouteRoutes } from './routes/migration-routes/migration-routes.router.ts';
import { registerSearchRoutes } from './routes/search/search.router.ts';
import { registerSessionRoutes } from './routes/session/session.router.ts';
import { registerTaxonomyRoutes } from './routes/taxonomy/taxonomy.router.ts';
import { registerThreadRoutes } from './routes/threads/threads.router.ts';
import { registerTwinningRoutes } from './routes/twinnings/twinnings.router.ts';

export type AppDeps = Container & { readiness: ReadinessCheck[]; version?: string };

/** Builds the HTTP app from its dependencies; nothing here reads the environment or opens connections. */
export function createApp(deps: AppDeps) {
  const { env, logger } = deps;
  const app = express();
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');

  app.use(pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
  }));
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        // swagger-ui at /api/docs needs inline styles; scripts stay same-origin
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'https://*.tile.openstreetmap.org'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
      },
    },
  });
  // The client's hashed scripts and styles carry only the headers a subresource uses (~0.8 KB less on
  // each of a page's requests, which counts on a slow link); the document's policy covers them.
  app.use((req, res, next) => (isClientAsset(req.path) ? assetHeaders(res, next) : securityHeaders(req, res, next)));
  // gzip or brotli (by Accept-Encoding) for the API's JSON and the client's HTML, scripts and styles
  app.use(compression({ threshold: 1024 }));
  app.use(healthRouter(deps.readiness));
  app.use(express.json({ limit: '512kb' }));
  app.use(cookieParser());
  app.use('/api', resolveActor(deps.auth));

  const api = createApiRegistry();
  const authRateLimit = createRateLimit(deps.redis, { namespace: env.QUEUE_PREFIX, name: 'auth', perMinute: env.RATE_LIMIT_AUTH_PER_MINUTE, logger });
  registerAuthRoutes(api, { auth: deps.auth, authRateLimit, cookieSecure: env.COOKIE_SECURE });
  registerMeRoutes(api, { me: deps.me, authRateLimit });
  registerSessionRoutes(api, deps);
  registerTaxonomyRoutes(api, deps);
  registerMigrationRouteRoutes(api, deps);
  registerNetworkRoutes(api, deps);
  registerCityRoutes(api, deps);
  registerJoinRequestRoutes(api, deps);
  registerPlaceRoutes(api, deps);
  registerImportRoutes(api, deps);
  registerPracticeRoutes(api, deps);
  registerSearchRoutes(api, deps);
  registerNotificationRoutes(api, deps);
  registerThreadRoutes(api, {
    threads: deps.threads,
    threadMessages: deps.threadMessages,
    messageRateLimit: createRateLimit(deps.redis, { namespace: env.QUEUE_PREFIX, name: 'messages', perMinute: env.RATE_LIMIT_MESSAGES_PER_MINUTE, perUser: true, logger, message: 'You are posting too fast; wait a moment' }),
  });
  registerTwinningRoutes(api, deps);
  app.use(api.router);

  // bull-board: every queue, failed jobs (dead letters) with their error; platform admins only
  app.use('/admin/queues', resolveActor(deps.auth), async (req, _res, next) => {
    await deps.notifications.assertCanSeeQueues(req.actor ?? null);
    next();
  }, deps.jobDashboard.handler);

  const openapi = buildOpenApiDocument(api.paths, deps.version ?? '0.1.0');
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/api/openapi.json' } }));

  app.use('/api', (_req, _res, next) => next(notFound('Endpoint')));

  // The built client, same origin (immutable caching of hashed assets; SPA fallback).
  serveClient(app, env.CLIENT_DIST);

  app.use((_req, _res, next) => next(notFound('Page')));

  app.use(problemHandler);
  // what each route declares it answers: integration tests check every body against it
  return Object.assign(app, { responseFor: api.responseFor });
}
