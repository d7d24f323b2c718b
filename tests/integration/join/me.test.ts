import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';
import { installWriteCounter } from '../../helpers/write-counter.ts';
import { createSignedInUser, DEFAULT_PASSWORD, signIn } from '../../factories/users.ts';

/** Profile edit (name, language, time zone — one time zone, shared with the notification preferences) and password change. */
let app: TestApp;
let writes: () => Promise<number>;

beforeAll(async () => {
  app = await startTestApp({ label: 'me_profile' });
  writes = (await installWriteCounter(app.db)).writes;
});
afterAll(() => app?.stop());

describe('PATCH /api/me', () => {
  it('changes name, language and time zone; the time zone is the notification preferences\' one', async () => {
    const { client } = await createSignedInUser(app.db, app.baseUrl);
    expect((await client.get('/api/me')).body.timezone).toBe('UTC');
    const res = await client.patch('/api/me', { name: ' Giusi Nicolini ', locale: 'fr', timezone: 'Europe/Rome' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { name: 'Giusi Nicolini', locale: 'fr' }, timezone: 'Europe/Rome' });
    expect((await client.get('/api/me/notification-preferences')).body.timezone).toBe('Europe/Rome');
    // and the other way round
    await client.put('/api/me/notification-preferences', { timezone: 'Africa/Dakar' });
    expect((await client.get('/api/me')).body.timezone).toBe('Africa/Dakar');
  });

  it('bad input is a 400 naming each field, and writes nothing; anonymous is a 401', async () => {
    const { client } = await createSignedInUser(app.db, app.baseUrl);
    const before = await writes();
    const res = await client.patch('/api/me', { name: '', locale: 'de', timezone: 'Mars/Olympus', email: 'x@example.org' });
    expect(res.status).toBe(400);
    // the e-mail is not editable here: an unknown key, named in the message
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['', 'locale', 'name', 'timezone']);
    expect(res.body.errors.find((e: { path: string }) => e.path === '').message).toMatch(/email/);
    expect((await createClient(app.baseUrl).patch('/api/me', { name: 'x' })).status).toBe(401);
    expect(await writes()).toBe(before);
  });
});

describe('POST /api/me/password', () => {
  it('checks the current password, then the new one signs in, the old one does not, other sessions end', async () => {
    const { user, client } = await createSignedInUser(app.db, app.baseUrl);
    const other = await signIn(app.baseUrl, user.email);
    const before = await writes();
    const wrong = await client.post('/api/me/password', { currentPassword: 'not it at all', newPassword: 'a new long password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'currentPassword', message: expect.any(String) }]);
    const short = await client.post('/api/me/password', { currentPassword: DEFAULT_PASSWORD, newPassword: 'short' });
    expect(short.body.errors.map((e: { path: string }) => e.path)).toEqual(['newPassword']);
    expect(await writes()).toBe(before);

    expect((await client.post('/api/me/password', { currentPassword: DEFAULT_PASSWORD, newPassword: 'a new long password' })).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(200); // this session stays
    expect((await other.get('/api/me')).status).toBe(401);
    const anon = createClient(app.baseUrl);
    expect((await anon.post('/api/auth/login', { email: user.email, password: DEFAULT_PASSWORD })).status).toBe(401);
    expect((await anon.post('/api/auth/login', { email: user.email, password: 'a new long password' })).status).toBe(200);
    const stored = await app.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
