import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createCity, createNetwork } from '../factories/cities.ts';
import { createUser, DEFAULT_PASSWORD } from '../factories/users.ts';
import { launchBrowser } from './browser.ts';

let app: TestApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_map', env: { CLIENT_DIST: 'client/dist' } });
  await app.startWorkers(); // the outbox relay indexes a city's practices when it joins a network
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage() {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const outside: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(app.baseUrl)) outside.push(r.url()); });
  return { page, errors, outside };
}

/** A point on the route's line, in page coordinates, where the route itself is the topmost element. */
async function pointOnRoute(page: Page, slug: string) {
  return page.evaluate((s) => {
    const link = document.querySelector(`svg a[data-route="${s}"]`)!;
    const path = link.querySelector<SVGPathElement>('path.route-hit')!;
    const total = path.getTotalLength();
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      const p = path.getPointAtLength(total * f);
      const m = path.getScreenCTM()!;
      const x = p.x * m.a + p.y * m.c + m.e;
      const y = p.x * m.b + p.y * m.d + m.f;
      if (document.elementFromPoint(x, y)?.closest('a') === link) return { x, y };
    }
    return null;
  }, slug);
}

describe('the map in a real browser', () => {
  it('opens a route from a click on its line; the route page shows its stage countries on its own map', async () => {
    const { page, errors, outside } = await newPage();
    await page.goto(`${app.baseUrl}/`);
    await page.locator('svg a[data-route="southern-route"]').waitFor();
    expect(await page.locator('svg a.route-link').count()).toBe(12);
    expect(await page.locator('svg a.city-link').count()).toBeGreaterThan(30); // the Charter cities with coordinates
    expect(await page.locator('svg a[data-route="southern-route"]').getAttribute('aria-label')).toBe('Southern Route (Horn of Africa – Southern Africa)');

    await page.screenshot({ path: 'tests/e2e/.last-map-home.png', fullPage: true });
    const point = await pointOnRoute(page, 'southern-route');
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    await page.waitForURL(`${app.baseUrl}/routes/southern-route`);
    await page.getByRole('heading', { name: 'Southern Route (Horn of Africa – Southern Africa)', level: 1 }).waitFor();
    await page.locator('.route-map svg .country.stage-origin').first().waitFor();
    expect(await page.locator('.route-map svg path.country.stage-origin').count()).toBe(2); // Ethiopia, Somalia
    expect(await page.locator('.route-map svg path.country.stage-destination').count()).toBe(1); // South Africa
    expect(await page.locator('.route-map .map-legend').textContent()).toContain('Ethiopia');
    await page.screenshot({ path: 'tests/e2e/.last-map-route.png', fullPage: true });
    expect(outside).toEqual([]); // no tile server, no font or geometry from elsewhere
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('opens a city from a click on its point', async () => {
    const { page } = await newPage();
    await page.goto(`${app.baseUrl}/`);
    await page.locator('svg a.city-link').first().waitFor();
    // a city whose dot is not covered by a neighbour or a route line
    const hit = await page.evaluate(() => {
      for (const link of Array.from(document.querySelectorAll('svg a.city-link'))) {
        const r = link.querySelector('circle.city-dot')!.getBoundingClientRect();
        const x = r.x + r.width / 2;
        const y = r.y + r.height / 2;
        if (document.elementFromPoint(x, y)?.closest('a') === link) return { x, y, id: link.getAttribute('data-city')!, label: link.getAttribute('aria-label')! };
      }
      return null;
    });
    expect(hit).not.toBeNull();
    await page.mouse.click(hit!.x, hit!.y);
    await page.waitForURL(`${app.baseUrl}/cities/${hit!.id}`);
    await page.getByRole('heading', { name: hit!.label.replace(/^City: /, ''), level: 1 }).waitFor();
  });

  it('reaches a route by keyboard too, and names routes in the interface language', async () => {
    const { page } = await newPage();
    await page.goto(`${app.baseUrl}/`);
    await page.locator('.language-switcher select').selectOption('es');
    // Spanish strings are fetched on the switch (one chunk per language), then the routes again in Spanish
    const link = page.locator('svg a[data-route="central-mediterranean"][aria-label="Mediterráneo central"]');
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mediterráneo central', level: 1 }).waitFor();
    await page.locator('.language-switcher select').selectOption('en');
  });

  it('lets a manager create a network and add a city to it', async () => {
    const manager = await createUser(app.db, { name: 'Giusi Nicolini' });
    await createNetwork(app.db, { managerIds: [manager.id] });
    const pozzallo = await createCity(app.db, { name: 'Pozzallo', countryCode: 'IT', lat: 36.73, lon: 14.85 });
    await app.db.practice.create({
      data: {
        title: 'Harbour reception with cultural mediators', summary: 'Mediators meet every landing at the port.', body: 'Mediators.',
        bodyHtml: '<p>Mediators.</p>', cityId: pozzallo.id, authorId: manager.id, language: 'en', status: 'published', publishedAt: new Date(),
      },
    });
    const { page, errors } = await newPage();

    await page.goto(`${app.baseUrl}/signin`);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();

    await page.goto(`${app.baseUrl}/networks`);
    await page.getByRole('link', { name: 'Manage networks and routes' }).click();
    await page.getByRole('heading', { name: 'Manage networks and routes', level: 1 }).waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Create a network' }) });
    await form.getByLabel('Name', { exact: true }).fill('Ports of Sicily');
    expect(await form.getByLabel('Address (slug)').inputValue()).toBe('ports-of-sicily');
    await form.getByLabel('Country (optional)').fill('it');
    await form.getByRole('button', { name: 'Create' }).click();

    await page.waitForURL(`${app.baseUrl}/networks/ports-of-sicily`);
    await page.getByRole('heading', { name: 'Ports of Sicily', level: 1 }).waitFor();
    await page.getByText('The network was created. You manage it.').waitFor();
    await page.getByLabel('City name').fill('Pozzallo');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Add Pozzallo to the network' }).click();
    await page.locator('.member-cities').getByRole('link', { name: 'Pozzallo' }).waitFor();
    await page.getByRole('heading', { name: '1 member city' }).waitFor();

    const network = await app.db.network.findUniqueOrThrow({ where: { slug: 'ports-of-sicily' }, include: { cities: { include: { city: true } }, managers: true } });
    expect(network.cities.map((c) => c.city.name)).toEqual(['Pozzallo']);
    expect(network.managers.map((m) => m.userId)).toEqual([manager.id]);
    // the library is the practice search limited to this network: Pozzallo's practice arrives once re-indexed
    await page.getByRole('heading', { name: 'Library of Ports of Sicily' }).waitFor();
    const practiceLink = page.getByRole('link', { name: 'Harbour reception with cultural mediators' });
    for (const until = Date.now() + 20_000; !(await practiceLink.isVisible());) {
      if (Date.now() > until) throw new Error("the city's practice never reached the network's library");
      await new Promise((r) => setTimeout(r, 250));
      await page.reload();
      await page.getByRole('heading', { name: 'Library of Ports of Sicily' }).waitFor();
    }
    await page.screenshot({ path: 'tests/e2e/.last-network.png', fullPage: true });
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
  });
});
