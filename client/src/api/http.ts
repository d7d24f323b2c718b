import i18next from 'i18next';
import { fieldErrorText, problemText } from '../i18n/problems';

/** One entry of an RFC 9457 problem's `errors` extension. */
export interface FieldError {
  path: string;
  /** in the reader's language when the server gave a code we translate, else the server's text */
  message: string;
  code?: string;
}

/** Shape of an RFC 9457 `application/problem+json` body (as specified in CONTRACT.md). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ path?: unknown; message?: unknown }>;
  [extension: string]: unknown;
}

/** Error thrown by the fetch wrapper for every non-2xx response (and for network failures, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type?: string;
  readonly errors?: FieldError[];
  /** the problem's stable machine code (validation, rate_limited…) */
  readonly code?: string;

  constructor(init: { status: number; title: string; detail?: string; type?: string; errors?: FieldError[]; code?: string }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.errors = init.errors;
    this.code = init.code;
  }

  /** Field errors keyed by (normalised) path; the first message per path wins. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors ?? []) {
      if (!(e.path in out)) out[e.path] = e.message;
    }
    return out;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/**
 * Normalise a problem `errors[].path` to a dotted field path:
 * "email", "/email" (JSON Pointer), "body.email", ["body", "email"], "priorities/0/code" → "priorities.0.code".
 */
export function normalisePath(path: unknown): string {
  let parts: string[];
  if (Array.isArray(path)) parts = path.map((p) => String(p));
  else if (typeof path === 'string') parts = path.replace(/^#?\//, '').split(/[./]/);
  else if (typeof path === 'number') parts = [String(path)];
  else parts = [];
  parts = parts.filter((p) => p !== '').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.length > 1 && (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params')) parts = parts.slice(1);
  return parts.join('.');
}

function parseErrors(raw: unknown): FieldError[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw
    .filter((e): e is { path?: unknown; message?: unknown; code?: unknown; params?: unknown } => typeof e === 'object' && e !== null)
    .map((e) => {
      const message = typeof e.message === 'string' ? e.message : String(e.message ?? '');
      const code = typeof e.code === 'string' ? e.code : undefined;
      const params = e.params && typeof e.params === 'object' ? (e.params as Record<string, string | number>) : undefined;
      return { path: normalisePath(e.path), message: fieldErrorText({ code, params, message }), ...(code ? { code } : {}) };
    });
}

/** Build an ApiError from a failed Response (problem+json, plain JSON, or anything else). */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: ProblemDetails | undefined;
  const type = res.headers.get('content-type') ?? '';
  if (/json/i.test(type)) {
    try {
      const parsed: unknown = await res.json();
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as ProblemDetails;
    } catch {
      body = undefined;
    }
  }
  const title =
    (typeof body?.title === 'string' && body.title) ||
    (typeof body?.error === 'string' && body.error) ||
    res.statusText ||
    `HTTP ${res.status}`;
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const detail = typeof body?.detail === 'string' ? body.detail : typeof body?.message === 'string' ? body.message : undefined;
  return new ApiError({
    status: typeof body?.status === 'number' ? body.status : res.status,
    title,
    // the reader's language from the code; the server's English text when we have no words for it
    detail: detail === undefined ? undefined : problemText(code, detail),
    type: typeof body?.type === 'string' ? body.type : undefined,
    errors: parseErrors(body?.errors),
    code,
  });
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Append a query object to a relative path, skipping empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  if (!qs) return path;
  return path + (path.includes('?') ? '&' : '?') + qs;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The language sent as Accept-Language: the i18n language currently in use. */
export function currentLanguage(): string {
  return i18next.resolvedLanguage || i18next.language || 'en';
}

/**
 * Fetch wrapper for the same-origin API: relative URLs, session cookie included,
 * JSON in and out, problem+json errors turned into ApiError.
 */
export async function request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method: opts.method ?? (body !== undefined ? 'POST' : 'GET'),
      headers,
      body,
      credentials: 'include',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    if (err instanceof Error && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, title: 'Network error', detail: err instanceof Error ? err.message : undefined });
  }

  if (!res.ok) throw await toApiError(res);
  if (res.status === 204 || res.status === 205) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: res.status, title: 'Invalid response', detail: 'The server did not return JSON.' });
  }
}

export const http = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...opts, method: 'GET' }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'PATCH', body }),
  delete: <T>(path: string, opts?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...opts, method: 'DELETE' }),
};
