import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';
import { startOwnRedis } from '../../helpers/own-redis.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser, createUser, DEFAULT_PASSWORD } from '../../factories/users.ts';

/**
 * With Redis really stopped (our own redis-server, see tests/helpers/own-redis.ts), the API keeps
 * answering as docs/architecture.md "When Redis is away" says: sign-in and registration work and are
 * still rate-limited (per process), publishing goes through the outbox, /readyz says 503 with
 * Retry-After, and nothing answers 5xx. When Redis is back, everything is shared again.
 */
let redis: Awaited<ReturnType<typeof startOwnRedis>>;
let app: TestApp;
const LIMIT = 3;
const fromIp = () => ({ 'x-forwarded-for': `10.${randomInt(250)}.${randomInt(250)}.${randomInt(1, 250)}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForReadiness(anon: ReturnType<typeof createClient>, status: number) {
  for (let i = 0; i < 100; i++) {
    const res = await anon.get('/readyz');
    if (res.status === status) return res;
    await sleep(100);
  }
  throw new Error(`/readyz never answered ${status}`);
}

beforeAll(async () => {
  redis = await startOwnRedis();
  app = await startTestApp({ label: 'redis_away', env: { REDIS_URL: redis.url, RATE_LIMIT_AUTH_PER_MINUTE: String(LIMIT) } });
});
afterAll(async () => {
  // the app's cleanup deletes its keys in Redis: give it one
  if (redis && !(await redis.ping())) await redis.start();
  await app?.stop();
  await redis?.stop();
});

describe('when Redis is away', () => {
  it('keeps signing in, registering and publishing, limits per process, says 503 on /readyz, never a 5xx', async () => {
    const anon = createClient(app.baseUrl);
    const user = await createUser(app.db);
    const author = await createSignedInUser(app.db, app.baseUrl);
    const manager = await createSignedInUser(app.db, app.baseUrl);
    const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
    const city = await createCity(app.db, { networkIds: [network.id], members: [{ userId: author.user.id, role: 'focal_point' }] });
    const draft = await author.client.post('/api/practices', practiceInput(city.id));
    expect(draft.status).toBe(201);
    expect((await author.client.post(`/api/practices/${draft.body.id}/submit`)).status).toBe(200);
    expect((await anon.get('/readyz')).status).toBe(200);

    await redis.stop();
    const ready = await waitForReadiness(anon, 503);
    expect(ready.headers.get('retry-after')).toBe('5');
    expect(ready.body.checks.find((c: { name: string }) => c.name === 'redis')).toMatchObject({ ok: false });

    // sign-in and registration: sessions live in PostgreSQL, the limiter counts in this process
    const login = await anon.post('/api/auth/login', { email: user.email, password: DEFAULT_PASSWORD }, fromIp());
    expect(login.status).toBe(200);
    const registered = await anon.post('/api/auth/register', { email: `new-${randomInt(1e9)}@example.org`, password: 'a long enough secret', name: 'New' }, fromIp());
    expect(registered.status).toBe(201);
    const ip = fromIp();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await anon.post('/api/auth/login', { email: user.email, password: 'wrong password!' }, ip)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);

    // publishing: the write and its outbox row commit together; nothing needs Redis until the relay runs
    const outboxBefore = await app.db.outboxEvent.count();
    const published = await manager.client.post(`/api/practices/${draft.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(await app.db.outboxEvent.count()).toBeGreaterThan(outboxBefore);

    // a city edit: the match index here follows at once; the invalidation publish is dropped, not an error
    const patched = await author.client.patch(`/api/cities/${city.id}`, { name: 'Renamed while Redis is away' });
    expect(patched.status).toBe(200);
    expect((await anon.get(`/api/cities/${city.id}/matches`)).status).toBe(200);

    // everything else that reads PostgreSQL only is unaffected
    expect((await anon.get('/api/practices')).status).toBe(200);
    expect((await author.client.get('/api/me')).status).toBe(200);

    // back: ready again, and the limiter counts in Redis again (a fresh budget there for a new address)
    await redis.start();
    await waitForReadiness(anon, 200);
    const again = fromIp();
    const after: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) after.push((await anon.post('/api/auth/login', { email: user.email, password: 'wrong password!' }, again)).status);
    expect(after).toEqual([...Array(LIMIT).fill(401), 429]);
  });
});
