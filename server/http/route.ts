import { Router, type Request, type RequestHandler, type Response } from 'express';
import { type z, type ZodType } from 'zod';
import 'zod-openapi';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { problemSchema } from '../contract/problem.ts';
import { badRequest, unauthorized, unsupportedMediaType, zodFieldErrors, type FieldError } from '../lib/errors.ts';
import type { Actor } from '../services/auth/actor.ts';
import { findUnstorableText } from '../lib/unstorable-text.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export type HandlerContext<P, Q, B, A extends Actor | null = Actor | null> = {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  /** The signed-in actor: never null on a route with `auth: 'required'` (the registry answers 401 first). */
  actor: A;
};

type Auth = 'required' | 'optional' | undefined;
type ActorFor<AU extends Auth> = AU extends 'required' ? Actor : Actor | null;

export type HandlerResult = { status?: number; body?: unknown } | void;

export type RouteSpec<PS extends AnyObject | undefined, QS extends AnyObject | undefined, BS extends ZodType | undefined, AU extends Auth = undefined> = {
  method: Method;
  /** Express-style path, e.g. `/api/cities/:id`. */
  path: string;
  /** Defaults to one derived from method and path (`get /api/cities/:id/matches` → `getCitiesByIdMatches`). */
  operationId?: string;
  summary: string;
  tags: string[];
  auth?: AU;
  params?: PS;
  query?: QS;
  body?: BS;
  /** Documented responses; `schema` is the JSON response body, `contentType` a non-JSON one (e.g. text/csv). */
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
  /** A body that is not JSON (the route parses it in its `middleware`), for the OpenAPI document only. */
  rawBody?: { contentType: string; description: string };
  middleware?: RequestHandler[];
  handler: (
    ctx: HandlerContext<
      PS extends AnyObject ? z.output<PS> : Record<string, never>,
      QS extends AnyObject ? z.output<QS> : Record<string, never>,
      BS extends ZodType ? z.output<BS> : undefined,
      ActorFor<AU>
    >,
  ) => Promise<HandlerResult>;
};

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const pascal = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
/** Deterministic and unique per (method, path): what client generators name their functions after. */
export const deriveOperationId = (method: Method, path: string) =>
  method + path.replace(/^\/api(?=\/|$)/, '').split('/').filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `By${pascal(seg.slice(1))}` : pascal(seg))).join('');

const problemContent = { 'application/problem+json': { schema: problemSchema } };

/** What a registered route is answered with, by status: the schema integration tests check bodies against. */
export type ResponseLookup = (method: string, path: string, status: number) =>
  | { route: string; declared: boolean; schema?: ZodType; contentType?: string }
  | undefined;

/** Express-style path → a matcher of concrete paths (router defaults: case-insensitive, trailing slash optional). */
const pathMatcher = (path: string) =>
  new RegExp(`^${path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`, 'i');

/**
 * Rejects, before any parsing or service, what the JSON body parser let through but no handler can
 * take: a body that is not JSON on a route that takes one (415), and text PostgreSQL cannot store (400).
 */
function screenRequest(req: Request, takesBody: boolean) {
  // an empty body (Content-Length: 0) is no body; a non-empty one must be JSON
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (takesBody && hasBody && !req.is('application/json')) {
    throw unsupportedMediaType(`Send the body as application/json (got ${req.get('content-type')?.split(';')[0] || 'no Content-Type'})`);
  }
  const errors = [
    ...findUnstorableText(req.params),
    ...findUnstorableText(req.query),
    ...(takesBody ? findUnstorableText(req.body) : []),
  ];
  if (errors.length) throw badRequest('The request has invalid fields', errors);
}

/**
 * Mounts routes on an Express router and records each one for the OpenAPI document, so the schemas
 * that validate a request are the ones that document it.
 */
export function createApiRegistry() {
  const router = Router();
  const paths: ZodOpenApiPathsObject = {};
  const registered: { method: Method; matcher: RegExp; path: string; responses: RouteSpec<undefined, undefined, undefined>['responses'] }[] = [];

  function route<PS extends AnyObject | undefined = undefined, QS extends AnyObject | undefined = undefined, BS extends ZodType | undefined = undefined, AU extends Auth = undefined>(
    spec: RouteSpec<PS, QS, BS, AU>,
  ) {
    const documented: [string, ZodOpenApiResponseObject][] = Object.entries(spec.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.schema ? { content: { 'application/json': { schema: r.schema } } }
          : r.contentType ? { content: { [r.contentType]: { schema: { type: 'string' as const } } } }
          : Number(status) >= 400 ? { content: problemContent } : {}),
      },
    ]);
    const add = (status: number, description: string) => {
      if (!(status in spec.responses)) documented.push([String(status), { description, content: problemContent }]);
    };
    // NUL and lone surrogates are refused in any params and query, so every operation may answer 400
    add(400, 'Invalid input (`code: validation`, every wrong field in `errors`)');
    if (spec.auth === 'required') add(401, 'Not signed in');
    if (spec.body) {
      add(413, 'The body is larger than 512 kB');
      add(415, 'The body is not application/json');
    }
    const operation: ZodOpenApiOperationObject = {
      operationId: spec.operationId ?? deriveOperationId(spec.method, spec.path),
      summary: spec.summary,
      tags: spec.tags,
      security: spec.auth === 'required' ? [{ bearer: [] }, { cookie: [] }]
        : spec.auth === 'optional' ? [{}, { bearer: [] }, { cookie: [] }]
        : [],
      requestParams: {
        ...(spec.params ? { path: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
      },
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      ...(spec.rawBody ? { requestBody: { required: true, description: spec.rawBody.description, content: { [spec.rawBody.contentType]: { schema: { type: 'string' as const } } } } } : {}),
      responses: Object.fromEntries(documented),
    };
    const oaPath = toOpenApiPath(spec.path);
    paths[oaPath] = { ...(paths[oaPath] ?? {}), [spec.method]: operation };
    registered.push({ method: spec.method, matcher: pathMatcher(spec.path), path: spec.path, responses: spec.responses });

    const handler: RequestHandler = async (req, res) => {
      const actor = req.actor ?? null;
      if (spec.auth === 'required' && !actor) throw unauthorized();
      screenRequest(req, spec.body !== undefined);
      const errors: FieldError[] = [];
      const parse = (schema: ZodType | undefined, input: unknown, fallback: unknown) => {
        if (!schema) return fallback;
        const result = schema.safeParse(input);
        if (result.success) return result.data;
        errors.push(...zodFieldErrors(result.error));
        return undefined;
      };
      const params = parse(spec.params, req.params, {});
      const query = parse(spec.query, req.query, {});
      const body = parse(spec.body, req.body ?? {}, undefined);
      if (errors.length) throw badRequest('The request has invalid fields', errors);
      const result = await spec.handler({ req, res, actor, params, query, body } as never);
      if (res.headersSent) return;
      const status = result?.status ?? 200;
      if (result?.body === undefined) res.status(status === 200 ? 204 : status).end();
      else res.status(status).json(result.body);
    };
    router[spec.method](spec.path, ...(spec.middleware ?? []), handler);
  }

  /** The route a request reaches and what it declares for a status (schema: the JSON body, if any). */
  const responseFor: ResponseLookup = (method, path, status) => {
    const m = (method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()) as Method;
    const pathname = path.split('?')[0];
    const hit = registered.find((r) => r.method === m && r.matcher.test(pathname));
    if (!hit) return undefined;
    const declared = hit.responses[status];
    return { route: `${m.toUpperCase()} ${hit.path}`, declared: declared !== undefined, schema: declared?.schema, contentType: declared?.contentType };
  };

  return { router, route, paths, responseFor };
}

export type ApiRegistry = ReturnType<typeof createApiRegistry>;
