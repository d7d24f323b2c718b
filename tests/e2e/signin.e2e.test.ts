import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from './browser.ts';

let app: TestApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e', env: { CLIENT_DIST: 'client/dist' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a new user in a real browser', () => {
  it('registers, is signed in, reads the Charter in French, signs out', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

    await page.goto(`${app.baseUrl}/register`);
    await page.getByLabel('Full name').fill('Fatou Sow');
    await page.getByLabel('Email').fill('fatou.sow@example.org');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('The password must be at least 10 characters long.').waitFor();

    await page.getByLabel('Password').fill('a strong enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    await page.locator('main').getByText('fatou.sow@example.org').first().waitFor();
    expect(await app.db.user.count({ where: { email: 'fatou.sow@example.org' } })).toBe(1);

    // The session survives a reload (httpOnly cookie; the token is never stored by the page).
    await page.reload();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/token/i);

    await page.getByLabel('Language').selectOption('fr');
    await page.goto(`${app.baseUrl}/taxonomy`);
    await page.getByText('Dignité', { exact: true }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.screenshot({ path: 'tests/e2e/.last-taxonomy-fr.png', fullPage: false });

    await page.goto(`${app.baseUrl}/routes/central-mediterranean`);
    // route names follow the interface language
    await page.getByRole('heading', { name: 'Méditerranée centrale' }).waitFor();

    // signing out is in the account menu of the header
    await page.getByRole('button', { name: 'Compte' }).click();
    await page.getByRole('button', { name: /Se déconnecter/ }).click();
    await page.goto(`${app.baseUrl}/me`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('rejects a wrong password with a visible message and no session', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.baseUrl}/signin`);
    // same profile as the first test: it remembers French, so pick English by the control itself
    await page.locator('.language-switcher select').selectOption('en');
    await page.getByLabel('Email').fill('fatou.sow@example.org');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is incorrect.').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
  });
});
