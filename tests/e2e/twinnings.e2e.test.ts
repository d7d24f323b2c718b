import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCity, createNetwork } from '../factories/cities.ts';
import { createSignedInUser } from '../factories/users.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium } from './browser.ts';

/** Two focal points, two browser contexts: a request from a match, consent from the inbox, a plan, its calendar. */
let app: TestApp;
let browser: Browser;
let ana: Awaited<ReturnType<typeof createSignedInUser>>;
let bruno: Awaited<ReturnType<typeof createSignedInUser>>;
let manager: Awaited<ReturnType<typeof createSignedInUser>>;
let tariq: Awaited<ReturnType<typeof createSignedInUser>>;
let palermo: { id: string };

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_twinnings', env: { CLIENT_DIST: 'client/dist' } });
  ana = await createSignedInUser(app.db, app.baseUrl, { name: 'Ana Focal' });
  bruno = await createSignedInUser(app.db, app.baseUrl, { name: 'Bruno Focal' });
  manager = await createSignedInUser(app.db, app.baseUrl, { name: 'Mina Manager' });
  tariq = await createSignedInUser(app.db, app.baseUrl, { name: 'Tariq Focal' });
  const network = await createNetwork(app.db, { name: 'Mediterranean cities', managerIds: [manager.user.id] });
  // Palermo seeks what Lyon offers, and both work on community.3: a strong match with two priority reasons
  palermo = await createCity(app.db, {
    name: 'Palermo', countryCode: 'IT', population: 630_000, languages: ['it', 'fr'], networkIds: [network.id],
    members: [{ userId: ana.user.id, role: 'focal_point' }],
    priorities: [{ code: 'dignity.1', stance: 'seek' }, { code: 'community.3', stance: 'offer' }],
  });
  await createCity(app.db, {
    name: 'Lyon', countryCode: 'FR', population: 520_000, languages: ['fr'], networkIds: [network.id],
    members: [{ userId: bruno.user.id, role: 'focal_point' }],
    priorities: [{ code: 'dignity.1', stance: 'offer' }, { code: 'community.3', stance: 'offer' }],
  });
  // seeks what both others offer: two pairs for the brokering board once Palermo–Lyon is twinned
  await createCity(app.db, {
    name: 'Tunis', countryCode: 'TN', population: 640_000, languages: ['ar', 'fr'], networkIds: [network.id],
    members: [{ userId: tariq.user.id, role: 'focal_point' }],
    priorities: [{ code: 'dignity.1', stance: 'seek' }, { code: 'community.3', stance: 'seek' }],
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedInPage(token: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  await context.addCookies([{ name: 'ctw_session', value: token, url: app.baseUrl }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, errors };
}

describe('a twinning in two browsers', () => {
  it('A proposes from a match, B accepts from the inbox, both see it active, A plans it and downloads the .ics', async () => {
    const a = await signedInPage(ana.client.token);
    const b = await signedInPage(bruno.client.token);

    // Bruno is on the home page already: his nav will count the request when it arrives
    await b.page.goto(`${app.baseUrl}/`);
    await b.page.getByRole('link', { name: 'Twinnings' }).waitFor();

    // Ana opens Palermo's suggested peers and proposes a twinning to Lyon; the themes come from the reasons
    await a.page.goto(`${app.baseUrl}/cities/${palermo.id}`);
    const card = a.page.locator('.match', { hasText: 'Lyon' });
    await card.getByRole('button', { name: 'Propose a twinning with Lyon' }).click();
    const form = card.locator('form.propose-twinning');
    await expect(form.getByRole('checkbox', { name: /dignity\.1/ }).isChecked()).resolves.toBe(true);
    await expect(form.getByRole('checkbox', { name: /community\.3/ }).isChecked()).resolves.toBe(true);
    await form.getByLabel('Message to the other city').fill('Could we learn from your reception desks?');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await a.page.waitForURL(/\/twinnings\/[^/]+$/);
    const twinningUrl = a.page.url();
    await a.page.getByRole('heading', { name: 'Palermo – Lyon', level: 1 }).waitFor();
    await a.page.locator('.twinning-status', { hasText: 'Requested' }).waitFor();

    // Bruno's nav counts it without a reload (twinning:updated); his inbox lists it; he accepts there
    await b.page.getByRole('link', { name: /Twinnings/ }).getByLabel('1 twinning awaits your consent').waitFor();
    expect(b.page.url()).toBe(`${app.baseUrl}/`);
    await b.page.getByRole('link', { name: /Twinnings/ }).click();
    const item = b.page.locator('.twinning-item', { hasText: 'Palermo – Lyon' });
    await item.getByText('Awaiting your consent for Lyon').waitFor();
    await item.getByText('Could we learn from your reception desks?').waitFor();
    await item.getByRole('button', { name: 'Accept the twinning Palermo – Lyon' }).click();
    await b.page.getByRole('tab', { name: /Active/ }).click();
    await b.page.locator('.twinning-item', { hasText: 'Palermo – Lyon' }).getByRole('link').click();
    await b.page.locator('.twinning-status', { hasText: 'Active' }).waitFor();
    await b.page.locator('.consents', { hasText: 'Lyon: consent given — Bruno Focal' }).waitFor();
    await b.page.locator('.timeline', { hasText: 'Bruno Focal accepted for Lyon' }).waitFor();

    // Ana sees it active too, without reloading: socket.io twinning:updated makes her page read it again
    expect(a.page.url()).toBe(twinningUrl);
    await a.page.locator('.twinning-status', { hasText: 'Active' }).waitFor();
    await a.page.locator('.consents', { hasText: 'Lyon: consent given — Bruno Focal' }).waitFor();

    // Ana writes the plan: an objective, an activity, the visit and the return visit
    const plan = a.page.locator('form.plan-editor');
    await plan.getByLabel('Objectives').fill('Open a shared reception desk\nTrain volunteers together');
    await plan.getByRole('button', { name: 'Add an activity' }).click();
    const activity = plan.locator('.plan-activities li').first();
    await activity.getByLabel('Title').fill('Joint volunteer training');
    await activity.getByLabel('Lead city').selectOption({ label: 'Lyon' });
    await activity.getByLabel('Starts on').fill('2027-04-12');
    await activity.getByLabel('Ends on').fill('2027-04-14');
    const [visit, back] = [plan.locator('.plan-visit').nth(0), plan.locator('.plan-visit').nth(1)];
    await visit.getByLabel('Host city').selectOption({ label: 'Lyon' });
    await visit.getByLabel('Starts on').fill('2027-02-08');
    await visit.getByLabel('Ends on').fill('2027-02-10');
    await back.getByLabel('Host city').selectOption({ label: 'Palermo' });
    await back.getByLabel('Starts on').fill('2027-09-20');
    await back.getByLabel('Ends on').fill('2027-09-22');
    await plan.getByRole('button', { name: 'Save the plan' }).click();
    await plan.getByText('Plan saved.').waitFor();

    // the calendar: one VEVENT per visit and activity
    const [download] = await Promise.all([
      a.page.waitForEvent('download'),
      a.page.getByRole('link', { name: 'Download the calendar (.ics)' }).click(),
    ]);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('Joint volunteer training');
    expect(ics).toMatch(/DTSTART(;VALUE=DATE)?:20270208/);

    // Bruno reloads and reads the same plan
    await b.page.goto(twinningUrl);
    await expect(b.page.locator('form.plan-editor').getByLabel('Objectives').inputValue()).resolves.toContain('Train volunteers together');

    expect(a.errors.filter((e) => !/401/.test(e))).toEqual([]);
    expect(b.errors.filter((e) => !/401/.test(e))).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('a manager brokers a pair from the board with a note; the other focal point declines it with a reason', async () => {
    const m = await signedInPage(manager.client.token);
    const t = await signedInPage(tariq.client.token);

    await m.page.goto(`${app.baseUrl}/twinnings`);
    await m.page.getByRole('link', { name: 'Brokering board: Mediterranean cities' }).click();
    await m.page.getByRole('heading', { name: 'Brokering board: Mediterranean cities', level: 1 }).waitFor();
    const pairs = m.page.locator('.brokering-pair');
    await pairs.first().waitFor();
    // Palermo and Lyon are twinned now: not on the board
    expect(await pairs.filter({ hasText: 'Palermo' }).filter({ hasText: 'Lyon' }).count()).toBe(0);
    const pair = pairs.filter({ hasText: 'Lyon' }).filter({ hasText: 'Tunis' });
    await pair.getByText(/Mutual match \d+%/).waitFor();
    await pair.getByRole('button', { name: /Propose a twinning/ }).click();
    await pair.getByLabel('Your note to both cities').fill('Tunis seeks what Lyon offers on reception.');
    await pair.getByRole('button', { name: 'Propose to both cities' }).click();
    await m.page.waitForURL(/\/twinnings\/[^/]+$/);
    await m.page.locator('.twinning-status', { hasText: 'Proposed' }).waitFor();
    await m.page.getByText('Mina Manager (Mediterranean cities)').waitFor();
    await m.page.getByText('Tunis seeks what Lyon offers on reception.').first().waitFor();

    // Tariq declines for Tunis from his inbox, with a reason that lands in the timeline
    await t.page.goto(`${app.baseUrl}/twinnings`);
    const item = t.page.locator('.twinning-item', { hasText: 'Tunis' });
    await item.getByText('Awaiting your consent for Tunis').waitFor();
    await item.getByRole('button', { name: /^Decline the twinning/ }).click();
    await item.getByRole('textbox', { name: 'Reason' }).fill('Our team is fully booked this year.');
    await item.getByRole('button', { name: 'Decline', exact: true }).click();
    await t.page.getByRole('tab', { name: /Ended/ }).click();
    await t.page.locator('.twinning-item', { hasText: 'Tunis' }).getByRole('link').click();
    await t.page.locator('.twinning-status', { hasText: 'Declined' }).waitFor();
    await t.page.locator('.timeline', { hasText: 'Why: Our team is fully booked this year.' }).waitFor();
    await t.page.locator('.consents', { hasText: 'Tunis: declined' }).waitFor();

    expect(m.errors.filter((e) => !/401/.test(e))).toEqual([]);
    expect(t.errors.filter((e) => !/401/.test(e))).toEqual([]);
    await m.context.close();
    await t.context.close();
  });
});
