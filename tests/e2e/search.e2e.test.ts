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
let cityId: string;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_search', env: { CLIENT_DIST: 'client/dist' } });
  await app.startWorkers(); // the outbox relay and workers index the practice once published
  browser = await launchBrowser();

  const author = await createSignedInUser(app.db, app.baseUrl);
  const manager = await createSignedInUser(app.db, app.baseUrl);
  const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
  cityId = (await createCity(app.db, {
    name: 'Thessaloniki', countryCode: 'GR', networkIds: [network.id], members: [{ userId: author.user.id, role: 'practitioner' }],
  })).id;
  const created = await author.client.post('/api/practices', practiceInput(cityId, {
    title: 'Lighthouse language cafe for newcomers', summary: 'Volunteers and newcomers talk every Thursday.',
  }));
  practiceId = created.body.id;
  expect((await author.client.post(`/api/practices/${practiceId}/submit`)).status).toBe(200);
  expect((await manager.client.post(`/api/practices/${practiceId}/publish`)).status).toBe(200);
  const anon = createClient(app.baseUrl);
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await anon.get('/api/search/practices?q=lighthouse');
    if (res.body.hits?.some((h: { id: string }) => h.id === practiceId)) break;
    if (Date.now() > until) throw new Error('the published practice never reached the search index');
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the header search box in a real browser', () => {
  it('finds a city and a practice despite typos, by keyboard and by mouse', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('401')) consoleErrors.push(m.text()); });
    await page.goto(`${app.baseUrl}/`);
    await page.locator('.language-switcher select').selectOption('en');
    const box = page.getByRole('combobox', { name: 'Search cities and practices' });

    // a city with a typo in its name, chosen with the keyboard
    await box.fill('Thesaloniki');
    const city = page.getByRole('option', { name: /Thessaloniki/ }).first();
    await city.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await city.getAttribute('id'));
    await box.press('Enter');
    await page.waitForURL(`**/cities/${cityId}`);
    await page.getByRole('heading', { name: 'Thessaloniki', level: 1 }).waitFor();

    // a practice with a typo in its title, chosen with the mouse
    await box.fill('lighthuose');
    const practice = page.getByRole('option', { name: /Lighthouse language cafe/ });
    await practice.waitFor();
    expect(await practice.locator('mark').textContent()).toBe('Lighthouse');
    await practice.click();
    await page.waitForURL(`**/practices/${practiceId}`);
    await page.getByRole('heading', { name: 'Lighthouse language cafe for newcomers' }).waitFor();

    // Enter without choosing: every practice for the words (the mouse away, or it would choose what it hovers)
    await page.mouse.move(0, 0);
    await box.fill('lighthuose');
    await page.getByRole('option', { name: /Lighthouse language cafe/ }).waitFor();
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/practices' && u.searchParams.get('q') === 'lighthuose');
    await page.getByRole('heading', { name: /1 practice for “lighthuose”/ }).waitFor();
    // one page of results: no pagination
    expect(await page.locator('nav.pagination').count()).toBe(0);

    // Enter on what suggested a city: the results page lists that city too, linked to its page
    await box.fill('Thesaloniki');
    await page.getByRole('option', { name: /Thessaloniki/ }).first().waitFor();
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/practices' && u.searchParams.get('q') === 'Thesaloniki');
    const cities = page.getByRole('region', { name: 'Cities' });
    await cities.getByRole('link', { name: 'Thessaloniki' }).click();
    await page.waitForURL(`**/cities/${cityId}`);
    await page.getByRole('heading', { name: 'Thessaloniki', level: 1 }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
