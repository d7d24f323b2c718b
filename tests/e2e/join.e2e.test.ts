import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createCity, createNetwork } from '../factories/cities.ts';
import { createSignedInUser, createUser, DEFAULT_PASSWORD } from '../factories/users.ts';
import { launchBrowser } from './browser.ts';

/**
 * Joining and city profiles in Chromium against the real server, PostgreSQL, Redis and workers:
 * (1) a new user registers, asks to join a city, its focal point (a second browser) approves, the
 * profile shows the city; (2) a focal point edits priorities and routes and sees the explained matches change.
 */
let app: TestApp;
let newcomerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let focalBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let focal: { email: string; id: string };
let cityId: string;
let peerName: string;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_join', env: { CLIENT_DIST: 'client/dist' } });
  await app.startWorkers(); // notifications of requests and decisions
  const focalUser = await createUser(app.db, { name: 'Giusi Focal' });
  focal = { email: focalUser.email, id: focalUser.id };
  const manager = await createSignedInUser(app.db, app.baseUrl);
  const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
  cityId = (await createCity(app.db, {
    name: 'Marettimo', countryCode: 'IT', languages: ['it'], population: 6000, lat: 35.5, lon: 12.6,
    networkIds: [network.id], members: [{ userId: focal.id, role: 'focal_point' }],
  })).id;
  // a peer that seeks what Marettimo will offer and sits on a route Marettimo will join; written through the
  // API so the match index (filled by the service's change listener) knows both cities
  peerName = 'Figuig'; // neither is a seeded Charter contributor: names are unique
  const peer = await createCity(app.db, { name: peerName, countryCode: 'MA', languages: ['ar', 'fr'], population: 500_000, lat: 34.68, lon: -1.91, networkIds: [network.id] });
  expect((await manager.client.put(`/api/cities/${peer.id}/priorities`, { priorities: [{ code: 'dignity.1', stance: 'seek' }] })).status).toBe(200);
  expect((await manager.client.put(`/api/cities/${peer.id}/routes`, { routes: [{ route: 'western-mediterranean', role: 'transit' }] })).status).toBe(200);
  expect((await manager.client.patch(`/api/cities/${cityId}`, { population: 6000 })).status).toBe(200);
  [newcomerBrowser, focalBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
});
afterAll(async () => {
  await newcomerBrowser?.close();
  await focalBrowser?.close();
  await app?.stop();
});

async function openPage(browser: typeof newcomerBrowser) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${app.baseUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My profile' }).waitFor();
}

describe('joining a city in the browser', () => {
  it('registers, asks to join Marettimo; the focal point approves in a second browser; the profile shows the city', async () => {
    const { page, errors } = await openPage(newcomerBrowser);
    await page.goto(`${app.baseUrl}/register`);
    await page.getByLabel('Full name').fill('Amina Diallo');
    await page.getByLabel('Email').fill('amina.diallo@example.org');
    await page.getByLabel('Password').fill('a strong enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();

    await page.getByRole('link', { name: 'Find your city and ask to join' }).click();
    await page.getByRole('heading', { name: 'Find your city and ask to join' }).waitFor();
    await page.getByLabel('Your city').fill('marett');
    await page.getByRole('button', { name: /Marettimo/ }).click();
    await page.getByText('You are asking to join Marettimo.').waitFor();
    await page.getByLabel('Your role').selectOption('practitioner');
    await page.getByLabel('Message to the focal point (optional)').fill('I teach Italian at the reception centre.');
    await page.getByRole('button', { name: 'Ask to join' }).click();
    await page.getByRole('heading', { name: 'Your requests awaiting an answer' }).waitFor();
    await page.getByText('Pending').waitFor();

    // the focal point, in another browser, sees the request and approves it
    const focalTab = await openPage(focalBrowser);
    await signIn(focalTab.page, focal.email);
    await focalTab.page.getByRole('link', { name: 'Requests to join my cities' }).click();
    const card = focalTab.page.getByRole('listitem', { name: 'Request from Amina Diallo' });
    await card.getByText('I teach Italian at the reception centre.').waitFor();
    await card.getByRole('button', { name: 'Approve' }).click();
    await focalTab.page.getByText('No request is waiting.').waitFor();

    // the newcomer's profile lists the city with the role, and the approval is among the notifications
    await page.goto(`${app.baseUrl}/me`);
    const cities = page.locator('.my-cities');
    await cities.getByRole('link', { name: 'Marettimo' }).waitFor();
    expect(await cities.textContent()).toContain('Practitioner');
    const until = Date.now() + 10_000;
    while (!(await app.db.notification.count({ where: { type: 'membership.approved', user: { email: 'amina.diallo@example.org' } } }))) {
      if (Date.now() > until) throw new Error('the approval was never notified');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([...errors, ...focalTab.errors].filter((e) => !/401/.test(e))).toEqual([]);
  });
});

describe('a city profile in the browser', () => {
  it('the focal point edits priorities and routes and sees the explained matches change', async () => {
    const { page, errors } = await openPage(focalBrowser);
    // signed in through the API (the cookie lands in this browser), whatever the journey above did
    expect((await page.request.post(`${app.baseUrl}/api/auth/login`, { data: { email: focal.email, password: DEFAULT_PASSWORD } })).status()).toBe(200);
    await page.goto(`${app.baseUrl}/cities/${cityId}`);
    await page.getByRole('heading', { name: 'Marettimo', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Manage this city' }).click();
    await page.getByRole('heading', { name: 'Manage Marettimo' }).waitFor();

    // before: the peer is not suggested, or not for a priority or a route
    await page.locator('.match-list, .matches .empty').first().waitFor();
    const peer = page.locator('.match-list > li').filter({ hasText: peerName });
    const before = (await peer.count()) ? await peer.textContent() : '';
    expect(before).not.toMatch(/Complementary priority|Same route/);

    // offer what the peer seeks: a complementary priority appears
    await page.getByLabel('dignity.1', { exact: false }).first().selectOption('offer');
    await page.getByRole('button', { name: 'Save priorities' }).click();
    await peer.getByText('Complementary priority').waitFor();
    expect(await peer.textContent()).not.toContain('Same route');

    // join the peer's route: the same corridor appears among the reasons
    await page.getByRole('checkbox', { name: 'Western Mediterranean: Destination' }).check();
    await page.getByRole('button', { name: 'Save routes' }).click();
    await peer.getByText('Same route').waitFor();

    // the public city page tells the same story
    await page.goto(`${app.baseUrl}/cities/${cityId}`);
    await page.locator('.priority-list').getByText('Offers experience').waitFor();
    await page.locator('.match-list > li').filter({ hasText: peerName }).getByText('Same route').waitFor();
    await page.screenshot({ path: 'tests/e2e/.last-city-edit.png' });
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
  });
});
