import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createClient } from '../helpers/http.ts';
import { createCity, createNetwork } from '../factories/cities.ts';
import { practiceInput } from '../factories/practices.ts';
import { createSignedInUser } from '../factories/users.ts';
import { launchBrowser } from './browser.ts';

let app: TestApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let practiceId: string;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_practices', env: { CLIENT_DIST: 'client/dist' } });
  await app.startWorkers(); // the outbox relay and workers index the practice once published
  browser = await launchBrowser();

  const author = await createSignedInUser(app.db, app.baseUrl);
  const manager = await createSignedInUser(app.db, app.baseUrl);
  const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
  const city = await createCity(app.db, {
    name: 'Lampedusa', countryCode: 'IT', networkIds: [network.id], members: [{ userId: author.user.id, role: 'practitioner' }],
  });
  const created = await author.client.post('/api/practices', practiceInput(city.id, {
    title: 'Harbour welcome desk with interpreters', summary: 'Interpreters meet every boat at the quay.',
  }));
  expect(created.status).toBe(201);
  practiceId = created.body.id;
  expect((await author.client.post(`/api/practices/${practiceId}/submit`)).status).toBe(200);
  expect((await manager.client.post(`/api/practices/${practiceId}/publish`)).status).toBe(200);

  // wait until the index has it (published → outbox → worker), so the browser test does not race the worker
  const anon = createClient(app.baseUrl);
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await anon.get('/api/search/practices?q=interpreters');
    if (res.body.hits?.some((h: { id: string }) => h.id === practiceId)) break;
    if (Date.now() > until) throw new Error('the published practice never reached the search index');
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('good practices in a real browser', () => {
  it('finds a published practice despite a typo, filters by a facet and opens it', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('link', { name: 'Practices' }).click();
    await page.getByRole('heading', { name: 'Good practices', level: 1 }).waitFor();
    await page.getByLabel('Search good practices').fill('intepreters');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const title = page.locator('.hit h3 a', { hasText: 'Harbour welcome desk with interpreters' });
    await title.waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('intepreters');
    // the match is highlighted although the query had a typo
    expect(await page.locator('.hit h3 mark').first().textContent()).toMatch(/interpreters/i);

    await page.locator('[data-facet="country"] label', { hasText: 'Italy' }).click();
    await page.waitForURL(/country=IT/);
    await title.waitFor();

    await title.click();
    await page.getByRole('heading', { name: 'Harbour welcome desk with interpreters', level: 1 }).waitFor();
    expect(await page.locator('.prose strong').textContent()).toBe('Tuesday');
    await page.getByText('kitchen@example.org').waitFor();
    expect(consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('shows suggested peers with reasons on a seeded city', async () => {
    const anon = createClient(app.baseUrl);
    const cities = (await anon.get('/api/cities?limit=50')).body.items as { id: string }[];
    let found: { id: string; match: { city: { name: string }; reasons: { detail: string }[] } } | undefined;
    for (const c of cities) {
      const res = await anon.get(`/api/cities/${c.id}/matches?limit=10&lang=en`);
      if (res.status === 200 && res.body.items.length > 0) {
        found = { id: c.id, match: res.body.items[0] };
        break;
      }
    }
    expect(found, 'a seeded city with peers').toBeDefined();

    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.baseUrl}/cities/${found!.id}`);
    await page.getByRole('heading', { name: 'Suggested peers' }).waitFor();
    const first = page.locator('.match').first();
    await first.locator('h3 a', { hasText: found!.match.city.name }).waitFor();
    await first.getByText(found!.match.reasons[0].detail).first().waitFor();
  });
});
