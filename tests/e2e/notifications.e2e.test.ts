import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeSecret } from '../../server/config/env.ts';
import { createUnsubscribeToken } from '../../server/services/notifications/unsubscribe-token.ts';
import { createCity, createNetwork } from '../factories/cities.ts';
import { practiceInput } from '../factories/practices.ts';
import { createSignedInUser, createUser, DEFAULT_PASSWORD } from '../factories/users.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from './browser.ts';

let app: TestApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_notif', env: { CLIENT_DIST: 'client/dist' } });
  await app.startWorkers();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a reviewer\'s notifications in a real browser', () => {
  it('sees the bell count go up live, opens the practice from the list, reads all, sets preferences, reads in French, unsubscribes', async () => {
    const reviewer = await createUser(app.db, { name: 'Rita Reviewer', email: 'rita@example.org' });
    const author = await createSignedInUser(app.db, app.baseUrl, { name: 'Ana Author' });
    const network = await createNetwork(app.db, { managerIds: [reviewer.id] });
    const city = await createCity(app.db, { name: 'Palermo', countryCode: 'IT', networkIds: [network.id], members: [{ userId: author.user.id, role: 'practitioner' }] });

    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(`${app.baseUrl}/signin`);
    await page.locator('.language-switcher select').selectOption('en');
    await page.getByLabel('Email').fill('rita@example.org');
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    expect(await page.getByTestId('unread-count').count()).toBe(0);

    // the author submits: the reviewer's bell shows it without a reload
    const submit = async (title: string) => {
      const p = (await author.client.post('/api/practices', practiceInput(city.id, { title }))).body as { id: string };
      expect((await author.client.post(`/api/practices/${p.id}/submit`, {})).status).toBe(200);
      return p.id;
    };
    const first = await submit('Welcome desk at the port');
    await page.getByTestId('unread-count').filter({ hasText: '1' }).waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');

    await bell.click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    const item = page.getByRole('link', { name: 'Ana Author submitted the practice “Welcome desk at the port” for review' });
    await item.click();
    await page.waitForURL(`**/practices/${first}`);
    await page.getByRole('heading', { name: 'Welcome desk at the port' }).waitFor();
    await page.getByTestId('unread-count').waitFor({ state: 'detached' });

    await submit('Language cafe');
    await submit('Housing desk');
    await page.getByTestId('unread-count').filter({ hasText: '2' }).waitFor();
    await bell.click();
    await page.getByTestId('notification').nth(2).waitFor();
    expect(await page.getByTestId('notification').count()).toBe(3);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByTestId('unread-count').waitFor({ state: 'detached' });
    expect(await app.db.notification.count({ where: { userId: reviewer.id, readAt: null } })).toBe(0);

    await page.getByRole('link', { name: 'Notification preferences' }).click();
    await page.getByRole('heading', { name: 'Notification preferences' }).waitFor();
    await page.getByLabel('A weekly summary (Monday 08:00)').check();
    await page.getByLabel('Time zone').selectOption('Europe/Rome');
    await page.getByLabel('Practices submitted for review — By e-mail').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    const prefs = await app.db.notificationPreference.findUniqueOrThrow({ where: { userId: reviewer.id } });
    expect(prefs).toMatchObject({ email: 'weekly', timezone: 'Europe/Rome', types: expect.objectContaining({ 'practice.submitted': { inApp: true, email: false } }) });

    await page.locator('.language-switcher select').selectOption('fr');
    await page.goto(`${app.baseUrl}/notifications`);
    await page.getByRole('link', { name: 'Ana Author a soumis la pratique « Housing desk » pour relecture' }).waitFor();
    await page.screenshot({ path: 'tests/e2e/.last-notifications-fr.png' });

    // the link of an e-mail: no sign-in needed
    const token = createUnsubscribeToken(unsubscribeSecret(app.env), reviewer.id, 'practice.published');
    const anonymous = await browser.context.browser()!.newContext();
    const other = await anonymous.newPage();
    await other.goto(`${app.baseUrl}/unsubscribe?token=${token}`);
    // a fresh, signed-out browser context (English)
    await other.getByText('Stop receiving e-mails for: Practice published?').waitFor();
    await other.getByRole('button', { name: 'Unsubscribe' }).click();
    await other.getByText(/^Done: you will no longer receive e-mails for Practice published/).waitFor();
    const after = await app.db.notificationPreference.findUniqueOrThrow({ where: { userId: reviewer.id } });
    expect((after.types as Record<string, { email: boolean }>)['practice.published'].email).toBe(false);
    expect(consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
  });
});
