import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createNetwork } from '../factories/cities.ts';
import { createUser, DEFAULT_PASSWORD } from '../factories/users.ts';
import { launchBrowser } from './browser.ts';

let app: TestApp;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let networkId: string;
let managerEmail: string;

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  app = await startTestApp({ label: 'e2e_import', env: { CLIENT_DIST: 'client/dist' } });
  browser = await launchBrowser();
  const manager = await createUser(app.db, { name: 'Marta Manager' });
  managerEmail = manager.email;
  networkId = (await createNetwork(app.db, { name: 'Welcoming Ports', managerIds: [manager.id] })).id;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const CSV = [
  'name,country,region,population,lat,lon,languages,priorities,routes',
  'Porto Empedocle,IT,Sicily,16000,37.29,13.53,it,solidarity.1:offer,central-mediterranean:transit',
  'Pozzallo,Italy,Sicily,19000,36.73,14.85,it,dignity.2:seek,central-mediterranean:destination',
].join('\n');

describe('bulk onboarding in a real browser', () => {
  it('a manager imports a CSV: the dry run names the bad row, they fix it, the import succeeds', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

    await page.goto(`${app.baseUrl}/signin`);
    await page.getByLabel('Email').fill(managerEmail);
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    await page.getByRole('link', { name: 'Import cities into Welcoming Ports' }).click();
    await page.getByRole('heading', { name: 'Import cities', level: 1 }).waitFor();

    // the template is offered for download
    const template = await page.evaluate(async (href) => (await fetch(href!)).text(), await page.getByRole('link', { name: 'Download the template' }).getAttribute('href'));
    expect(template).toContain('name,country,region,population,lat,lon,languages,priorities,routes');

    await page.getByLabel('CSV file').setInputFiles({ name: 'ports.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await expect.poll(() => page.getByLabel('Contents').inputValue()).toContain('Pozzallo');
    await page.getByRole('button', { name: 'Check the file' }).click();

    // the dry run names row 3 and its country, and writes nothing
    const badRow = page.locator('.import-errors tr[data-row="3"]');
    await badRow.first().waitFor();
    expect(await badRow.first().textContent()).toContain('country');
    await page.getByText('1 of 2 rows has errors; nothing was written.').waitFor();
    expect(await page.locator('.import-errors tbody tr').count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Import \d+ cit/ }).count()).toBe(0);
    expect(await app.db.city.count({ where: { networks: { some: { networkId } } } })).toBe(0);

    // fixed in place, checked again, imported
    await page.getByLabel('Contents').fill(CSV.replace('Pozzallo,Italy', 'Pozzallo,IT'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('All 2 rows are right: 2 to create, 0 to update.').waitFor();
    await page.getByRole('button', { name: 'Import 2 cities' }).click();
    await page.getByTestId('import-result').getByText('Imported: 2 created, 0 updated.').waitFor();

    const imported = await app.db.city.findMany({
      where: { networks: { some: { networkId } } }, orderBy: { name: 'asc' },
      include: { priorities: true, routes: { include: { route: true } } },
    });
    expect(imported.map((c) => [c.name, c.countryCode, c.priorities[0].priorityCode, c.routes[0].route.slug, c.routes[0].role])).toEqual([
      ['Porto Empedocle', 'IT', 'solidarity.1', 'central-mediterranean', 'transit'],
      ['Pozzallo', 'IT', 'dignity.2', 'central-mediterranean', 'destination'],
    ]);

    // the export has them, in the same format
    const exported = await page.evaluate(async (href) => (await fetch(href!)).text(), await page.getByRole('link', { name: "Export the network's cities" }).getAttribute('href'));
    expect(exported).toContain('Pozzallo,IT,Sicily,19000,36.73,14.85,it,dignity.2:seek,central-mediterranean:destination');
    expect(consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
  });
});
