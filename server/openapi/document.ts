import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';

/** OpenAPI 3.1 built from the same zod schemas that validate requests (see http/route.ts). */
export function buildOpenApiDocument(paths: ZodOpenApiPathsObject, version: string) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Charter Twinning API',
      version,
      description: 'City-to-city peer learning and twinning along migration routes (Lampedusa Charter, UCLG 2022). ' +
        'Errors are RFC 9457 application/problem+json.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token returned by POST /api/auth/login' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'ctw_session' },
      },
    },
    paths,
  });
}
