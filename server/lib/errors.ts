import { ZodError } from 'zod';

/** `code` and `params` (from zod: too_small + minimum…) let clients word the error in the reader's language. */
export type FieldError = { path: string; message: string; code?: string; params?: Record<string, string | number> };

/** The one error type services throw; the HTTP layer turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Bad input: one code, `validation`, for every 400 about what the client sent. */
export const badRequest = (message: string, errors?: FieldError[]) =>
  new AppError('validation', 400, message, errors);
export const unauthorized = (message = 'Sign in to continue') => new AppError('unauthorized', 401, message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', 403, message);
export const notFound = (what = 'Resource') => new AppError('not_found', 404, `${what} not found`);
export const conflict = (message: string) => new AppError('conflict', 409, message);
export const unsupportedMediaType = (message: string) => new AppError('unsupported_media_type', 415, message);

/** RFC 9457 problem document; every error response of the API has each of these members (`errors` on 400s). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  instance?: string;
  requestId?: string;
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The stable machine code for a status when nothing more specific is known (clients translate codes). */
const CODES: Record<number, string> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation',
  429: 'rate_limited',
  500: 'internal',
  503: 'service_unavailable',
};

export const problemTypeUri = (code: string) => `https://errors.charter-twinning.org/${code}`;

/** The few facts a translated message needs (a length, a format), never the value the user sent. */
function issueParams(issue: ZodError['issues'][number]): { params?: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  const i = issue as { minimum?: unknown; maximum?: unknown; origin?: unknown; format?: unknown; expected?: unknown };
  for (const k of ['minimum', 'maximum', 'origin', 'format', 'expected'] as const) {
    const v = i[k];
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) params[k] = v;
    else if (typeof v === 'bigint') params[k] = Number(v);
  }
  return Object.keys(params).length ? { params } : {};
}

export function zodFieldErrors(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
    code: issue.code,
    ...issueParams(issue),
  }));
}

function isPrismaKnownError(err: unknown): err is { code: string; meta?: Record<string, unknown> } {
  return typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string' &&
    /^P\d{4}$/.test((err as { code: string }).code);
}

function problem(status: number, detail: string, opts: { code?: string; errors?: FieldError[] } = {}): Problem {
  const code = opts.code ?? CODES[status] ?? (status >= 500 ? 'internal' : `http_${status}`);
  // every 400 says which part of the request was wrong; '' is the request as a whole
  const errors = opts.errors?.length ? opts.errors : status === 400 ? [{ path: '', message: detail }] : undefined;
  return { type: problemTypeUri(code), title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'), status, detail, code, ...(errors ? { errors } : {}) };
}

/**
 * What body-parser and the router raise (they carry `status` and a safe `type`), as problems. Their
 * messages may echo the input, so the detail is ours, never theirs.
 */
function httpErrorProblem(status: number, type: string | undefined, err: unknown): Problem {
  switch (type) {
    case 'entity.parse.failed':
      return problem(400, 'The body is not valid JSON', { errors: [{ path: 'body', message: 'Not valid JSON' }] });
    case 'entity.too.large':
      return problem(413, 'The body is too large');
    case 'encoding.unsupported':
      return problem(415, 'The body\'s Content-Encoding is not supported: send identity, gzip, deflate or br');
    case 'charset.unsupported':
      return problem(415, 'The body\'s charset is not supported: send UTF-8');
    case 'request.aborted':
    case 'request.size.invalid':
      return problem(400, 'The body was not received whole', { errors: [{ path: 'body', message: 'Incomplete body' }] });
  }
  if (err instanceof URIError) {
    return problem(400, 'The path is not valid percent-encoding', { errors: [{ path: 'params', message: 'Not valid percent-encoding' }] });
  }
  if (status === 400 && type === undefined) {
    // e.g. a gzip/deflate body that does not inflate
    return problem(400, 'The body could not be read', { errors: [{ path: 'body', message: 'Could not be decoded' }] });
  }
  return problem(status, status === 404 ? 'Not found' : 'The request cannot be processed');
}

/** Maps anything thrown to a problem document. Unknown errors never leak their message or stack. */
export function toProblem(err: unknown): Problem {
  if (err instanceof AppError) return problem(err.status, err.message, { code: err.code, errors: err.errors });
  if (err instanceof ZodError) return problem(400, 'The request has invalid fields', { code: 'validation', errors: zodFieldErrors(err) });
  if (isPrismaKnownError(err)) {
    if (err.code === 'P2002') return problem(409, 'It already exists', { code: 'conflict' });
    if (err.code === 'P2025') return problem(404, 'Resource not found', { code: 'not_found' });
  }
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : 500;
  if (status >= 400 && status < 500) return httpErrorProblem(status, (err as { type?: string }).type, err);
  if (status === 503) return problem(503, 'A service this request needs is not available; try again shortly');
  return problem(500, 'Something went wrong on our side');
}
