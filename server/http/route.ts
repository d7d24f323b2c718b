import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z, type ZodType } from 'zod';
import 'zod-openapi';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { badRequest, unauthorized, zodFieldErrors, type FieldError } from '../lib/errors.ts';
import type { Actor } from '../services/auth/actor.ts';

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
  summary: string;
  tags: string[];
  auth?: AU;
  params?: PS;
  query?: QS;
  body?: BS;
  /** Documented responses; `schema` is the response body. */
  responses: Record<number, { description: string; schema?: ZodType }>;
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

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Mounts routes on an Express router and records each one for the OpenAPI document, so the schemas
 * that validate a request are the ones that document it.
 */
export function createApiRegistry() {
  const router = Router();
  const paths: ZodOpenApiPathsObject = {};

  function route<PS extends AnyObject | undefined = undefined, QS extends AnyObject | undefined = undefined, BS extends ZodType | undefined = undefined, AU extends Auth = undefined>(
    spec: RouteSpec<PS, QS, BS, AU>,
  ) {
    const operation: ZodOpenApiOperationObject = {
      summary: spec.summary,
      tags: spec.tags,
      ...(spec.auth === 'required' ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
      requestParams: {
        ...(spec.params ? { path: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
      },
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      responses: Object.fromEntries([
        ...Object.entries(spec.responses).map(([status, r]) => [
          status,
          { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: r.schema } } } : {}) },
        ]),
        ...(spec.params || spec.query || spec.body
          ? [['400', { description: 'Invalid input', content: { 'application/problem+json': { schema: problemSchema } } }]]
          : []),
        ...(spec.auth === 'required'
          ? [['401', { description: 'Not signed in', content: { 'application/problem+json': { schema: problemSchema } } }]]
          : []),
      ]),
    };
    const oaPath = toOpenApiPath(spec.path);
    paths[oaPath] = { ...(paths[oaPath] ?? {}), [spec.method]: operation };

    const handler: RequestHandler = async (req, res) => {
      const actor = req.actor ?? null;
      if (spec.auth === 'required' && !actor) throw unauthorized();
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

  return { router, route, paths };
}

export type ApiRegistry = ReturnType<typeof createApiRegistry>;
