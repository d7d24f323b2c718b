import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'session' });
});
afterAll(() => app?.stop());

describe('GET /api/session (the client start-up probe)', () => {
  it('answers 200 with user null to an anonymous visitor, so no 401 reaches the console', async () => {
    const res = await createClient(app.baseUrl).get('/api/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: null });
  });

  it('answers the signed-in user for the session cookie', async () => {
    const anon = createClient(app.baseUrl);
    const account = { email: 'session.probe@example.org', password: 'a long enough secret', name: 'Probe' };
    expect((await anon.post('/api/auth/register', account)).status).toBe(201);
    const login = await anon.post('/api/auth/login', { email: account.email, password: account.password });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const res = await createClient(app.baseUrl, { cookie }).get('/api/session');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'session.probe@example.org', name: 'Probe' });
  });
});

describe('field errors carry a code the client translates', () => {
  it('names the zod issue and its parameters next to the English message', async () => {
    const res = await createClient(app.baseUrl).post('/api/auth/register', { email: 'not-an-email', password: 'short', name: 'X' });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries((res.body.errors as { path: string; message: string }[]).map((e) => [e.path, e]));
    expect(byPath.email).toMatchObject({ code: 'invalid_format', params: { format: 'email' } });
    expect(byPath.password).toMatchObject({ code: 'too_small', params: { minimum: 10, origin: 'string' } });
    expect(typeof byPath.password.message).toBe('string');
  });
});
