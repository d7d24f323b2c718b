// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, http, normalisePath, request, withQuery } from '../../../client/src/api/http';
import { headerOf, i18n, json, mockFetch, problem } from './harness';

describe('http wrapper', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('parses problem+json into an ApiError with field errors', async () => {
    mockFetch({
      'POST /api/auth/register': () =>
        problem(400, 'Validation failed', {
          detail: 'The request body is invalid.',
          errors: [
            { path: 'email', message: 'Invalid email' },
            { path: '/password', message: 'Too short' },
            { path: ['body', 'name'], message: 'Required' },
          ],
        }),
    });

    const err = await http.post('/api/auth/register', { email: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.title).toBe('Validation failed');
    expect(e.detail).toBe('The request body is invalid.');
    expect(e.errors).toEqual([
      { path: 'email', message: 'Invalid email' },
      { path: 'password', message: 'Too short' },
      { path: 'name', message: 'Required' },
    ]);
    expect(e.fieldErrors).toEqual({ email: 'Invalid email', password: 'Too short', name: 'Required' });
  });

  it('sends credentials, JSON and the current language', async () => {
    const fetchMock = mockFetch({ 'POST /api/auth/login': () => json(200, { token: 't', user: { id: '1' } }) });
    await i18n.changeLanguage('fr');
    const res = await http.post<{ token: string }>('/api/auth/login', { email: 'a@b.co', password: 'x' });
    expect(res.token).toBe('t');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/login');
    expect(init!.credentials).toBe('include');
    expect(init!.method).toBe('POST');
    expect(headerOf(init, 'content-type')).toBe('application/json');
    expect(headerOf(init, 'accept-language')).toBe('fr');
    expect(JSON.parse(String(init!.body))).toEqual({ email: 'a@b.co', password: 'x' });
  });

  it('keeps URLs relative and builds query strings without empty values', async () => {
    const fetchMock = mockFetch({ 'GET /api/cities': () => json(200, { items: [], nextCursor: null }) });
    await http.get('/api/cities', { query: { q: 'lam pe', limit: 20, cursor: undefined, route: '' } });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/cities?q=lam+pe&limit=20');
    expect(withQuery('/x?a=1', { b: 2 })).toBe('/x?a=1&b=2');
  });

  it('handles 204 and non-JSON errors', async () => {
    mockFetch({
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
      'GET /api/boom': () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
    });
    await expect(request('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    const err = (await http.get('/api/boom').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(502);
    expect(err.title).toBe('Bad Gateway');
    expect(err.errors).toBeUndefined();
  });

  it('turns network failures into status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const err = (await http.get('/api/taxonomy').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.isNetworkError).toBe(true);
  });

  it('normalises error paths', () => {
    expect(normalisePath('body.email')).toBe('email');
    expect(normalisePath('/priorities/0/code')).toBe('priorities.0.code');
    expect(normalisePath(['priorities', 1, 'stance'])).toBe('priorities.1.stance');
    expect(normalisePath(undefined)).toBe('');
  });
});
