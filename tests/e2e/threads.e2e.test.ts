import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceInput } from '../factories/practices.ts';
import { createThreadCast } from '../factories/threads.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium } from './browser.ts';

/** Two people, two browser contexts (separate sessions), one conversation in real time. */
let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<typeof createThreadCast>>;
let practiceId: string;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_threads', env: { CLIENT_DIST: 'client/dist', RATE_LIMIT_MESSAGES_PER_MINUTE: '1000' } });
  cast = await createThreadCast(app.db, app.baseUrl, { membersPerCity: 1 });
  const lyon = cast.bMembers[0].client;
  const created = await lyon.post('/api/practices', practiceInput(cast.cityB.id, { title: 'Night shelter run by neighbours' }));
  expect(created.status).toBe(201);
  practiceId = created.body.id;
  expect((await lyon.post(`/api/practices/${practiceId}/submit`)).status).toBe(200);
  expect((await cast.manager.client.post(`/api/practices/${practiceId}/publish`)).status).toBe(200);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedInPage(token: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addCookies([{ name: 'ctw_session', value: token, url: app.baseUrl }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, errors };
}

const message = (page: Page, text: string) => page.locator('.message .message-body', { hasText: text });
async function send(page: Page, text: string, shown = text) {
  await page.getByLabel('Write a message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await message(page, shown).waitFor();
}

describe('threads in two browsers', () => {
  it('contacts a city from its practice, chats live both ways, and catches up after going offline', async () => {
    const ana = await signedInPage(cast.aMembers[0].client.token);
    const bruno = await signedInPage(cast.bMembers[0].client.token);

    // Ana (Palermo) reads Lyon's practice and contacts the city
    await ana.page.goto(`${app.baseUrl}/practices/${practiceId}`);
    await ana.page.getByRole('heading', { name: 'Night shelter run by neighbours', level: 1 }).waitFor();
    await ana.page.getByRole('button', { name: 'Contact Lyon' }).click();
    await ana.page.waitForURL(/\/threads\/[^/]+$/);
    const threadUrl = ana.page.url();
    await ana.page.getByRole('heading', { name: /Palermo – Lyon/, level: 1 }).waitFor();
    await send(ana.page, 'Hello from Palermo, how do you staff the shelter?');

    // Bruno sees the thread with an unread badge, opens it
    await bruno.page.goto(`${app.baseUrl}/threads`);
    const item = bruno.page.locator('.thread-item', { hasText: 'Palermo – Lyon' });
    await item.getByLabel('1 unread message').first().waitFor();
    await item.getByRole('link').click();
    await message(bruno.page, 'how do you staff the shelter').waitFor();
    await bruno.page.getByText(`Here now: ${cast.aMembers[0].user.name}`).waitFor();
    // Palermo has only "read" its own post: no "Seen by Palermo" under it
    expect(await bruno.page.locator('.message', { hasText: 'how do you staff the shelter' }).locator('.seen-by').count()).toBe(0);

    // live both ways, no reload; Ana sees that Lyon has read it
    await send(bruno.page, 'With **volunteers** from the district', 'With volunteers from the district');
    await ana.page.locator('.message .message-body strong', { hasText: 'volunteers' }).waitFor();
    // the message Bruno was typing has arrived: "is typing…" goes with it, not 3 s later
    await expect.poll(() => ana.page.locator('p.typing').textContent(), { timeout: 1500 }).not.toContain('typing');
    await ana.page.locator('.message', { hasText: 'how do you staff the shelter' }).locator('.seen-by', { hasText: 'Seen by Lyon' }).waitFor();
    expect(ana.page.url()).toBe(threadUrl);

    // "Contact this city" again opens the same thread
    await ana.page.goto(`${app.baseUrl}/practices/${practiceId}`);
    await ana.page.getByRole('button', { name: 'Contact Lyon' }).click();
    await ana.page.waitForURL(threadUrl);
    await message(ana.page, 'volunteers').waitFor();

    // Bruno goes offline; Ana keeps writing; Bruno comes back and has everything, once
    await bruno.context.setOffline(true);
    await send(ana.page, 'Missed one: do you pay them?');
    await send(ana.page, 'Missed two: and insurance?');
    await expect(message(bruno.page, 'Missed one').count()).resolves.toBe(0);
    // his page says it is not live rather than looking quiet
    await bruno.page.getByRole('status').filter({ hasText: 'Connection lost' }).waitFor();
    await bruno.context.setOffline(false);
    await message(bruno.page, 'Missed one').waitFor();
    await bruno.page.getByRole('status').filter({ hasText: 'Connection lost' }).waitFor({ state: 'detached' });
    await message(bruno.page, 'Missed two').waitFor();
    await send(bruno.page, 'Back online');
    await message(ana.page, 'Back online').waitFor();
    for (const text of ['how do you staff', 'volunteers', 'Missed one', 'Missed two', 'Back online']) {
      expect(await message(bruno.page, text).count(), text).toBe(1);
    }
    const seqs = await bruno.page.locator('.message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(seqs).toEqual([1, 2, 3, 4, 5]);

    expect(ana.errors.filter((e) => !/401/.test(e))).toEqual([]);
    await ana.context.close();
    await bruno.context.close();
  });
});
