import { ZodError } from 'zod';

export type FieldError = { path: string; message: string };

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

export const badRequest = (message: string, errors?: FieldError[]) =>
  new AppError('bad_request', 400, message, errors);
export const unauthorized = (message = 'Sign in to continue') => new AppError('unauthorized', 401, message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', 403, message);
export const notFound = (what = 'Resource') => new AppError('not_found', 404, `${what} not found`);
export const conflict = (message: string) => new AppError('conflict', 409, message);

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  instance?: string;
  requestId?: string;
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function zodFieldErrors(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

function isPrismaKnownError(err: unknown): err is { code: string; meta?: Record<string, unknown> } {
  return typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string' &&
    /^P\d{4}$/.test((err as { code: string }).code);
}

/** Maps anything thrown to a problem document. Unknown errors never leak their message or stack. */
export function toProblem(err: unknown): Problem {
  if (err instanceof AppError) {
    return {
      type: `https://errors.charter-twinning.org/${err.code}`,
      title: TITLES[err.status] ?? 'Error',
      status: err.status,
      detail: err.message,
      code: err.code,
      ...(err.errors ? { errors: err.errors } : {}),
    };
  }
  if (err instanceof ZodError) {
    return {
      type: 'https://errors.charter-twinning.org/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has invalid fields',
      code: 'validation',
      errors: zodFieldErrors(err),
    };
  }
  if (isPrismaKnownError(err)) {
    if (err.code === 'P2002') {
      return { type: 'https://errors.charter-twinning.org/conflict', title: 'Conflict', status: 409, detail: 'It already exists', code: 'conflict' };
    }
    if (err.code === 'P2025') {
      return { type: 'https://errors.charter-twinning.org/not_found', title: 'Not Found', status: 404, detail: 'Resource not found', code: 'not_found' };
    }
  }
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : 500;
  // body-parser errors carry a status and a safe `type`
  if (status >= 400 && status < 500) {
    const type = (err as { type?: string }).type;
    const detail = type === 'entity.parse.failed' ? 'The body is not valid JSON' : type === 'entity.too.large' ? 'The body is too large' : 'The request cannot be processed';
    return { type: 'about:blank', title: TITLES[status] ?? 'Bad Request', status, detail };
  }
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'Something went wrong on our side' };
}
