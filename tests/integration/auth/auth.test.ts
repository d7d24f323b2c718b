import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'auth' });
});
afterAll(() => app?.stop());

const account = { email: 'Amina.Diallo@Example.org', password: 'a long enough secret', name: 'Amina Diallo', locale: 'fr' };

describe('register → login → /api/me', () => {
  it('registers, signs in and reads /api/me with the cookie and with the bearer token', async () => {
    const anon = createClient(app.baseUrl);
    const reg = await anon.post('/api/auth/register', account);
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ email: 'amina.diallo@example.org', name: 'Amina Diallo', locale: 'fr', isPlatformAdmin: false });
    expect(reg.body.user).not.toHaveProperty('passwordHash');

    const login = await anon.post('/api/auth/login', { email: account.email, password: account.password });
    expect(login.status).toBe(200);
    expect(typeof login.body.token).toBe('string');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/ctw_session=/);
    expect(setCookie.toLowerCase()).toContain('httponly');

    const viaBearer = await createClient(app.baseUrl, { token: login.body.token }).get('/api/me');
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.user.email).toBe('amina.diallo@example.org');
    expect(viaBearer.body.cities).toEqual([]);

    const cookie = setCookie.split(';')[0];
    const viaCookie = await createClient(app.baseUrl, { cookie }).get('/api/me');
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.user.id).toBe(viaBearer.body.user.id);

    // the stored hash is argon2id, never the password
    const row = await app.db.user.findUniqueOrThrow({ where: { email: 'amina.diallo@example.org' } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('rejects a wrong password and an unknown e-mail with the same 401', async () => {
    const anon = createClient(app.baseUrl);
    const wrong = await anon.post('/api/auth/login', { email: account.email, password: 'not the password' });
    const unknown = await anon.post('/api/auth/login', { email: 'nobody@example.org', password: 'whatever12345' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('answers /api/me without a session, or with a made-up token, with 401', async () => {
    expect((await createClient(app.baseUrl).get('/api/me')).status).toBe(401);
    expect((await createClient(app.baseUrl, { token: 'forged-token' }).get('/api/me')).status).toBe(401);
  });

  it('ends the session on logout: the token no longer works', async () => {
    const login = await createClient(app.baseUrl).post('/api/auth/login', { email: account.email, password: account.password });
    const client = createClient(app.baseUrl, { token: login.body.token });
    expect((await client.get('/api/me')).status).toBe(200);
    const out = await client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('refuses a second account with the same e-mail (any case) with 409', async () => {
    const again = await createClient(app.baseUrl).post('/api/auth/register', { ...account, email: 'AMINA.DIALLO@example.org' });
    expect(again.status).toBe(409);
    expect(await app.db.user.count({ where: { email: 'amina.diallo@example.org' } })).toBe(1);
  });
});

describe('bad input', () => {
  it('lists every wrong field and writes nothing', async () => {
    const before = await app.db.user.count();
    const res = await createClient(app.baseUrl).post('/api/auth/register', { email: 'not-an-email', password: 'short', locale: 'de' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['email', 'locale', 'name', 'password']);
    expect(await app.db.user.count()).toBe(before);
  });

  it('answers malformed JSON with 400 problem+json, not 500', async () => {
    const res = await createClient(app.baseUrl).post('/api/auth/login', '{"email": ', {});
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('The body is not valid JSON');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers unknown API routes with 404 problem+json', async () => {
    const res = await createClient(app.baseUrl).get('/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('rate limit on sign-in', () => {
  it('answers 429 once the per-minute budget is spent', async () => {
    const limited = await startTestApp({ label: 'ratelimit', env: { RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
    try {
      // A unique client address keeps this test's budget apart from other runs sharing Redis.
      const ip = { 'x-forwarded-for': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7` };
      const anon = createClient(limited.baseUrl);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await anon.post('/api/auth/login', { email: 'x@example.org', password: 'whatever12345' }, ip)).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      // another install on the same Redis (its own QUEUE_PREFIX) has its own budget for the same address
      const other = await startTestApp({ label: 'ratelimit-other', env: { RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
      try {
        expect((await createClient(other.baseUrl).post('/api/auth/login', { email: 'x@example.org', password: 'whatever12345' }, ip)).status).toBe(401);
      } finally {
        await other.stop();
      }
    } finally {
      await limited.stop();
    }
  });
});
