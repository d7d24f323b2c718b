import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createClient } from '../helpers/http.ts';
import { createCity, createNetwork } from '../factories/cities.ts';
import { createSignedInUser } from '../factories/users.ts';
import { practiceInput } from '../factories/practices.ts';
import { launchChromium } from './browser.ts';

let app: TestApp;
let browser: Browser;
let practitionerToken: string;
let managerToken: string;
let cityId: string;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_practice_editor', env: { CLIENT_DIST: 'client/dist' } });
  await app.startWorkers(); // publishing → outbox → the search index
  const practitioner = await createSignedInUser(app.db, app.baseUrl, { name: 'Pia Practitioner' });
  const manager = await createSignedInUser(app.db, app.baseUrl, { name: 'Mo Manager' });
  practitionerToken = practitioner.client.token;
  managerToken = manager.client.token;
  const network = await createNetwork(app.db, { managerIds: [manager.user.id] });
  cityId = (await createCity(app.db, { name: 'Lampedusa', countryCode: 'IT', networkIds: [network.id], members: [{ userId: practitioner.user.id, role: 'practitioner' }] })).id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** One browser context per person: their own cookies, so three users can act side by side. */
async function pageFor(token?: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (token) await context.addCookies([{ name: 'ctw_session', value: token, url: app.baseUrl }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, errors };
}

const TITLE = 'Harbour welcome desk with interpreters';

describe('writing, reviewing and finding a practice in a real browser', () => {
  it('a practitioner writes with preview and submits; a manager publishes from the queue; a third user finds it misspelled', async () => {
    // ── the practitioner writes it ──
    const pia = await pageFor(practitionerToken);
    await pia.page.goto(`${app.baseUrl}/me`);
    await pia.page.getByRole('link', { name: 'Write a practice' }).click();
    await pia.page.getByRole('heading', { name: 'Write a good practice', level: 1 }).waitFor();

    // the contract's schema checks the form before anything is sent
    await pia.page.getByRole('button', { name: 'Save draft' }).click();
    await pia.page.locator('[data-field="title"]', { hasText: 'Required' }).waitFor();
    await pia.page.locator('[data-field="priorities"]', { hasText: 'Choose at least one Charter priority' }).waitFor();

    await pia.page.getByLabel('Title', { exact: true }).fill(TITLE);
    await pia.page.getByLabel('Summary', { exact: true }).fill('Interpreters meet every boat at the quay and stay with families through the first week.');
    await pia.page.getByLabel('Description (Markdown)').fill('## At the quay\n\nWe meet **every boat**.\n\n<img src="x" onerror="window.__xss = 1">');
    // the preview is the server's rendering, sanitised there: the markup shows, the handler does not run
    const preview = pia.page.getByTestId('preview');
    await preview.locator('strong', { hasText: 'every boat' }).waitFor();
    await preview.locator('h2', { hasText: 'At the quay' }).waitFor();
    expect(await preview.innerHTML()).not.toMatch(/onerror/);
    expect(await pia.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

    await pia.page.locator('input[name="priorities"][value="solidarity.3"]').check();
    await pia.page.locator('input[name="routes"][value="central-mediterranean"]').check();
    await pia.page.locator('input[name="targetGroups"][value="families"]').check();
    await pia.page.getByLabel('Process', { exact: true }).fill('Agree a rota with the port authority.');
    await pia.page.getByLabel('Transferability', { exact: true }).fill('Any port of arrival.');
    await pia.page.getByLabel('Started on').fill('2024-03-01');
    await pia.page.getByLabel('Contact', { exact: true }).fill('desk@example.org');
    await pia.page.getByRole('button', { name: 'Submit for review' }).click();
    await pia.page.getByText('Your practice was submitted for review.').waitFor();
    await pia.page.locator('[data-group="in_review"]').getByText(TITLE).waitFor();

    const stored = await app.db.practice.findFirstOrThrow({ where: { title: TITLE }, include: { priorities: true, routes: true } });
    expect(stored).toMatchObject({ status: 'in_review', targetGroups: ['families'], contact: 'desk@example.org', howTo: { process: 'Agree a rota with the port authority.', transferability: 'Any port of arrival.' } });
    expect(stored.bodyHtml).not.toMatch(/onerror/);

    // ── the manager publishes it from the review queue ──
    const mo = await pageFor(managerToken);
    await mo.page.goto(`${app.baseUrl}/me`);
    await mo.page.getByRole('link', { name: 'Review queue' }).click();
    const item = mo.page.locator('.practice-row', { hasText: TITLE });
    await item.getByText('Lampedusa · by Pia Practitioner').waitFor();
    await item.getByRole('button', { name: 'Publish' }).click();
    await item.getByText('Published.').waitFor();
    expect((await app.db.practice.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe('published');

    // the index has it once the worker ran (not a timing assertion: wait for it, then use the browser)
    const anon = createClient(app.baseUrl);
    await expect.poll(async () => (await anon.get('/api/search/practices?q=interpreters')).body.hits?.some((h: { id: string }) => h.id === stored.id), { timeout: 15_000, interval: 100 }).toBe(true);

    // ── a third user finds it with a typo ──
    const visitor = await pageFor();
    await visitor.page.goto(`${app.baseUrl}/practices`);
    await visitor.page.getByLabel('Search good practices').fill('intepreters');
    await visitor.page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = visitor.page.locator('.hit h3 a', { hasText: TITLE });
    await hit.waitFor();
    await hit.click();
    await visitor.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await visitor.page.locator('.prose strong', { hasText: 'every boat' }).waitFor();
    // and it is on its city's page
    await visitor.page.getByRole('link', { name: 'Lampedusa' }).first().click();
    await visitor.page.locator('.city-practices').getByRole('link', { name: TITLE }).waitFor();

    for (const who of [pia, mo, visitor]) {
      expect(who.errors.filter((e) => !/401/.test(e))).toEqual([]);
      await who.context.close();
    }
  });

  it('a manager returns a practice with a comment; its author sees the comment in the editor and edits again', async () => {
    const author = createClient(app.baseUrl, { token: practitionerToken });
    const created = await author.post('/api/practices', practiceInput(cityId, { title: 'Night buses to the reception centre' }));
    expect((await author.post(`/api/practices/${created.body.id}/submit`)).status).toBe(200);

    const mo = await pageFor(managerToken);
    await mo.page.goto(`${app.baseUrl}/review`);
    const item = mo.page.locator('.practice-row', { hasText: 'Night buses to the reception centre' });
    await item.getByRole('button', { name: 'Return with a comment' }).click();
    await item.getByRole('button', { name: 'Send back to the author' }).click();
    await item.getByText('Say what the author should change.').waitFor();
    await item.getByLabel('What should the author change?').fill('Please add the yearly budget.');
    await item.getByRole('button', { name: 'Send back to the author' }).click();
    await item.getByText('Returned to the author.').waitFor();

    const pia = await pageFor(practitionerToken);
    await pia.page.goto(`${app.baseUrl}/me/practices`);
    await pia.page.locator('[data-group="draft"]').getByRole('link', { name: 'Night buses to the reception centre' }).click();
    await pia.page.getByText('Returned for changes by Mo Manager').waitFor();
    await pia.page.getByText('Please add the yearly budget.').waitFor();
    await pia.page.getByLabel('Budget').fill('12,000 EUR a year');
    await pia.page.getByRole('button', { name: 'Save draft' }).click();
    await pia.page.getByText('Draft saved.').waitFor();
    expect((await app.db.practice.findUniqueOrThrow({ where: { id: created.body.id } })).budget).toBe('12,000 EUR a year');
    for (const who of [mo, pia]) {
      expect(who.errors.filter((e) => !/401/.test(e))).toEqual([]);
      await who.context.close();
    }
  });
});
