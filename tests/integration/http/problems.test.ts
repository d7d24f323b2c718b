import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, type JsonResponse, type TestClient } from '../../helpers/http.ts';
import { installWriteCounter } from '../../helpers/write-counter.ts';
import { createCity } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser } from '../../factories/users.ts';

/**
 * Errors raised outside the route validation layer (body parser, router, unknown routes, 500s) have
 * the one problem shape: type (never about:blank), title, status, detail, a stable code, instance,
 * requestId, and errors[] on every 400. (The shared client also checks each against the schema.)
 */
let app: TestApp;
let anon: TestClient;
let author: TestClient;
let authorToken: string;
let cityId: string;
let writes: () => Promise<number>;

beforeAll(async () => {
  app = await startTestApp({ label: 'problems' });
  anon = createClient(app.baseUrl);
  const a = await createSignedInUser(app.db, app.baseUrl);
  author = a.client;
  authorToken = a.client.token;
  cityId = (await createCity(app.db, { members: [{ userId: a.user.id, role: 'practitioner' }] })).id;
  ({ writes } = await installWriteCounter(app.db));
});
afterAll(() => app?.stop());

function expectProblem(res: JsonResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ type: `https://errors.charter-twinning.org/${code}`, status, code });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  expect(typeof res.body.instance).toBe('string');
  if (status === 400) expect(res.body.errors.length).toBeGreaterThan(0);
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+|node_modules/);
}

describe('errors from the body parser', () => {
  it('malformed JSON → 400 validation naming the body', async () => {
    const res = await anon.raw('POST', '/api/auth/login', '{"email": ', { 'content-type': 'application/json' });
    expectProblem(res, 400, 'validation');
    expect(res.body.detail).toBe('The body is not valid JSON');
    expect(res.body.errors).toEqual([{ path: 'body', message: 'Not valid JSON' }]);
    expect(res.body.instance).toBe('/api/auth/login');
  });

  it('a body over 512 kB → 413 payload_too_large', async () => {
    const before = await writes();
    const res = await author.post('/api/practices', practiceInput(cityId, { body: 'x'.repeat(600_000) }));
    expectProblem(res, 413, 'payload_too_large');
    expect(await writes()).toBe(before);
  });

  it('a gzip body that does not inflate → 400; a valid one is read; an unknown encoding → 415', async () => {
    const garbage = await anon.raw('POST', '/api/auth/login', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6]), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expectProblem(garbage, 400, 'validation');
    expect(garbage.body.errors).toEqual([{ path: 'body', message: 'Could not be decoded' }]);
    const brokenDeflate = await anon.raw('POST', '/api/auth/login', 'not deflate', { 'content-type': 'application/json', 'content-encoding': 'deflate' });
    expectProblem(brokenDeflate, 400, 'validation');
    const good = await anon.raw('POST', '/api/auth/login', new Uint8Array(gzipSync(JSON.stringify({ email: 'nobody@example.org', password: 'whatever12345' }))), {
      'content-type': 'application/json', 'content-encoding': 'gzip',
    });
    expectProblem(good, 401, 'invalid_credentials');
    const unknown = await anon.raw('POST', '/api/auth/login', '{}', { 'content-type': 'application/json', 'content-encoding': 'compress' });
    expectProblem(unknown, 415, 'unsupported_media_type');
  });

  it('an unsupported charset → 415', async () => {
    const res = await anon.raw('POST', '/api/auth/login', '{}', { 'content-type': 'application/json; charset=ebcdic' });
    expectProblem(res, 415, 'unsupported_media_type');
  });
});

describe('a body that is not JSON on a route that takes JSON → 415, nothing written', () => {
  it('form-encoded sign-in, registration and practice', async () => {
    const before = await writes();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expectProblem(await anon.raw('POST', '/api/auth/login', 'email=a%40b.org&password=whatever12345', form), 415, 'unsupported_media_type');
    expectProblem(await anon.raw('POST', '/api/auth/register', 'email=a%40b.org&password=whatever12345&name=A', form), 415, 'unsupported_media_type');
    expectProblem(await author.raw('POST', '/api/practices', `title=x&cityId=${cityId}`, form), 415, 'unsupported_media_type');
    expect(await writes()).toBe(before);
  });

  it('text/plain, multipart and a body without a Content-Type', async () => {
    const before = await writes();
    expectProblem(await author.raw('POST', '/api/practices', JSON.stringify(practiceInput(cityId)), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    expectProblem(await author.raw('PATCH', `/api/cities/${cityId}`, '--b\r\n\r\nx\r\n--b--', { 'content-type': 'multipart/form-data; boundary=b' }), 415, 'unsupported_media_type');
    const res = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', body: new Uint8Array(Buffer.from('{"email":"a@b.org","password":"whatever12345"}')) });
    expect(res.status).toBe(415);
    expect(await writes()).toBe(before);
  });

  it('still takes JSON with a charset, and no body at all where every field is optional', async () => {
    const created = await author.raw('POST', '/api/practices', JSON.stringify(practiceInput(cityId)), { 'content-type': 'application/json; charset=utf-8' });
    expect(created.status).toBe(201);
    const submit = await fetch(`${app.baseUrl}/api/practices/${created.body.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${authorToken}` } });
    expect(submit.status).toBe(200);
  });
});

describe('errors from the router and the app', () => {
  it('bad percent-encoding in the path → 400 validation', async () => {
    const res = await anon.get('/api/cities/%E0%A4%A');
    expectProblem(res, 400, 'validation');
    expect(res.body.errors).toEqual([{ path: 'params', message: 'Not valid percent-encoding' }]);
  });

  it('unknown API routes and pages → 404 not_found', async () => {
    expectProblem(await anon.get('/api/does-not-exist'), 404, 'not_found');
    expectProblem(await anon.raw('DELETE', '/api/cities'), 404, 'not_found');
    expectProblem(await anon.get('/no-such-page'), 404, 'not_found');
  });

  it('sign-in required → 401 unauthorized', async () => {
    expectProblem(await anon.get('/api/me'), 401, 'unauthorized');
  });

  it('an unexpected failure → 500 internal, logged, with nothing of it in the body', async () => {
    // a real fault: the table the handler reads is gone for a moment
    await app.db.$executeRawUnsafe('ALTER TABLE networks RENAME TO networks_hidden');
    try {
      const res = await anon.get('/api/networks');
      expectProblem(res, 500, 'internal');
      expect(res.body.detail).toBe('Something went wrong on our side');
      expect(JSON.stringify(res.body)).not.toMatch(/hidden|relation|prisma|does not exist/i);
    } finally {
      await app.db.$executeRawUnsafe('ALTER TABLE networks_hidden RENAME TO networks');
    }
  });
});
