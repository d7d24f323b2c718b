import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient } from '../../helpers/http.ts';
import { npmScriptSteps } from '../../helpers/npm-script.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { createUser } from '../../factories/users.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'sample' });
});
afterAll(() => app?.stop());

/** Runs `npm run seed:sample [-- args]` exactly as package.json says, against the test database. */
function seedSample(...args: string[]): string {
  const [step] = npmScriptSteps('seed:sample');
  return execFileSync(process.execPath, [...step.args, ...args], {
    env: { ...process.env, ...step.env, DATABASE_URL: app.database.url, LOG_LEVEL: 'silent' }, encoding: 'utf8',
  });
}

async function tableCounts() {
  const db = app.db;
  const [users, networks, cities, practices, threads, messages, twinnings, cityPriorities, cityRoutes] = await Promise.all([
    db.user.count(), db.network.count(), db.city.count(), db.practice.count(), db.thread.count(), db.message.count(),
    db.twinning.count(), db.cityPriority.count(), db.cityRoute.count(),
  ]);
  return { users, networks, cities, practices, threads, messages, twinnings, cityPriorities, cityRoutes };
}

describe('npm run seed:sample', () => {
  it('is not loaded by default, loads a labelled network once, and --remove deletes exactly it', async () => {
    expect(await app.db.city.count({ where: { isSample: true } })).toBe(0);
    // real data that must survive the removal
    const user = await createUser(app.db, { email: 'real.person@example.org' });
    const network = await createNetwork(app.db, { slug: 'real-network', managerIds: [user.id] });
    const city = await createCity(app.db, { name: 'Real City', networkIds: [network.id], priorities: [{ code: 'dignity.1', stance: 'offer' }] });
    const before = await tableCounts();

    expect(seedSample()).toMatch(/Sample data loaded: 4 users, 1 networks, 4 cities, 3 practices, 2 threads, 1 twinnings/);
    const loaded = await tableCounts();
    expect(loaded).toMatchObject({ cities: before.cities + 4, practices: before.practices + 3, threads: before.threads + 2, twinnings: before.twinnings + 1 });
    expect(loaded.cityPriorities).toBeGreaterThan(before.cityPriorities);
    expect(loaded.cityRoutes).toBeGreaterThan(before.cityRoutes);
    expect(await app.db.practice.count({ where: { isSample: true, status: 'published' } })).toBe(3);

    // a second run changes nothing
    expect(seedSample()).toMatch(/already loaded/);
    expect(await tableCounts()).toEqual(loaded);

    // the API says which records are samples: the client shows a badge
    const list = await createClient(app.baseUrl).get('/api/cities?limit=50');
    const flags = Object.fromEntries((list.body.items as { name: string; isSample?: boolean }[]).map((c) => [c.name, c.isSample]));
    expect(flags['Porto Esempio (sample)']).toBe(true);
    expect(flags['Real City']).toBe(false);
    // … search hits too, once the worker has indexed the sample practices
    await app.startWorkers();
    let hits: { title: string; isSample?: boolean }[] = [];
    for (let i = 0; i < 100 && hits.length < 3; i++) {
      hits = (await createClient(app.baseUrl).get('/api/search/practices?perPage=50')).body.hits;
      if (hits.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    expect(hits.map((h) => [h.title, h.isSample])).toContainEqual(['Welcome desk at the harbour (sample)', true]);
    // sample accounts cannot sign in
    const login = await createClient(app.baseUrl).post('/api/auth/login', { email: 'sample.porto@example.invalid', password: 'sample account: signing in is disabled' });
    expect(login.status).toBe(401);

    expect(seedSample('--remove')).toMatch(/Sample data removed: 4 users, 1 networks, 4 cities, 3 practices, 2 threads, 1 twinnings/);
    expect(await tableCounts()).toEqual(before);
    expect(await app.db.city.findUnique({ where: { id: city.id } })).not.toBeNull();
    expect(await app.db.user.findUnique({ where: { id: user.id } })).not.toBeNull();
    expect(await app.db.network.findUnique({ where: { id: network.id } })).not.toBeNull();
  });
});
