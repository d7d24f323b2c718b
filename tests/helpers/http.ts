import type { ResponseLookup } from '../../server/http/route.ts';
import { responseMismatches } from './response-schema.ts';

/** A small JSON client for integration tests: real HTTP against a running test app. */
export type JsonResponse<T = any> = { status: number; headers: Headers; body: T };

/**
 * Every API node a test talks to, by base URL, with the schemas its routes declare. startTestApp
 * registers its node; a test starting another node with startApi registers it with `registerApiNode`.
 */
const nodes = new Map<string, ResponseLookup>();
export const registerApiNode = (baseUrl: string, responseFor: ResponseLookup) => void nodes.set(baseUrl, responseFor);
export const forgetApiNode = (baseUrl: string) => void nodes.delete(baseUrl);

/** Thrown when a response does not match what its route declares: the test fails on schema drift. */
export class ResponseSchemaMismatch extends Error {
  override name = 'ResponseSchemaMismatch';
}

export function createClient(baseUrl: string, defaults: { token?: string; cookie?: string } = {}) {
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    const lookup = nodes.get(baseUrl);
    if (!lookup) throw new Error(`No API node registered at ${baseUrl}: start it with startTestApp, or registerApiNode(url, api.responseFor)`);
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(defaults.token ? { authorization: `Bearer ${defaults.token}` } : {}),
        ...(defaults.cookie ? { cookie: defaults.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const mismatches = responseMismatches(lookup, { method, path, status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed });
    if (mismatches.length) throw new ResponseSchemaMismatch(`The response does not match its declared schema:\n  ${mismatches.join('\n  ')}`);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, body ?? {}),
    patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, body ?? {}),
    delete: <T = any>(path: string) => call<T>('DELETE', path),
    /** Any method, body and headers as given (no JSON encoding), still checked against the schemas. */
    raw: <T = any>(method: string, path: string, body?: string | Uint8Array, headers?: Record<string, string>) => call<T>(method, path, body, headers),
    withToken: (token: string) => createClient(baseUrl, { token }),
  };
}

export type TestClient = ReturnType<typeof createClient>;
