import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createOutbox } from '../../server/services/outbox/outbox.ts';
import { createSampleData } from '../../server/services/sample/sample-data.ts';
import { createSignedInUser } from '../factories/users.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { launchChromium } from './browser.ts';

export type MainPage = { name: string; path: string; signedIn: boolean };

/**
 * Every main page of the client, over a real API node with the sample network loaded (so lists have
 * content) and its workers running (so the practices are indexed for search). One signed-in user is a
 * focal point of a sample city, so the signed-in pages (profile, threads, a thread) have content too.
 */
export async function startSite(label: string) {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build:client');
  const app: TestApp = await startTestApp({ label, env: { CLIENT_DIST: 'client/dist' } });
  await app.startWorkers();
  await createSampleData({ db: app.db, outbox: createOutbox() }).load();
  const city = await app.db.city.findFirstOrThrow({ where: { isSample: true }, orderBy: { name: 'asc' } });
  const practice = await app.db.practice.findFirstOrThrow({ where: { isSample: true, language: 'en' } });
  const thread = await app.db.thread.findFirstOrThrow({ where: { isSample: true, cities: { some: { cityId: practice.cityId } } } });
  const { client } = await createSignedInUser(app.db, app.baseUrl, { email: 'polish.reader@example.org', name: 'Rita Reader' });
  const user = await app.db.user.findUniqueOrThrow({ where: { email: 'polish.reader@example.org' } });
  await app.db.cityMembership.create({ data: { cityId: practice.cityId, userId: user.id, role: 'focal_point' } });
  // the practices page reads the search index: wait for the worker to index the sample practices
  for (let i = 0; i < 200 && (await app.db.practiceSearchDocument.count()) < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const pages: MainPage[] = [
    { name: 'home', path: '/', signedIn: false },
    { name: 'charter', path: '/taxonomy', signedIn: false },
    { name: 'routes', path: '/routes', signedIn: false },
    { name: 'route', path: '/routes/central-mediterranean', signedIn: false },
    { name: 'cities', path: '/cities', signedIn: false },
    { name: 'city', path: `/cities/${city.id}`, signedIn: false },
    { name: 'practices', path: '/practices', signedIn: false },
    { name: 'practice', path: `/practices/${practice.id}`, signedIn: false },
    { name: 'sign-in', path: '/signin', signedIn: false },
    { name: 'register', path: '/register', signedIn: false },
    { name: 'not-found', path: '/no-such-page', signedIn: false },
    { name: 'networks', path: '/networks', signedIn: false },
    { name: 'join', path: '/join', signedIn: true },
    { name: 'twinnings', path: '/twinnings', signedIn: true },
    { name: 'profile', path: '/me', signedIn: true },
    { name: 'notifications', path: '/notifications', signedIn: true },
    { name: 'notification-settings', path: '/settings/notifications', signedIn: true },
    { name: 'threads', path: '/threads', signedIn: true },
    { name: 'thread', path: `/threads/${thread.id}`, signedIn: true },
  ];
  const browser: Browser = await launchChromium();
  return {
    app, pages, token: client.token,
    /** A fresh context in `lang` (signed in or not), 1280×800. */
    async context(lang: string, signedIn: boolean): Promise<BrowserContext> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang });
      await context.addInitScript((l) => localStorage.setItem('charter.language', l), lang);
      if (signedIn) await context.addCookies([{ name: 'ctw_session', value: client.token, url: app.baseUrl }]);
      return context;
    },
    async close() {
      await browser.close();
      await app.stop();
    },
  };
}

/** Opens a page and waits until it has its heading and no loading state left. */
export async function openPage(page: Page, baseUrl: string, path: string) {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main .loading, main .page-fallback, main [role="status"] .spinner'));
  await page.waitForLoadState('networkidle');
}
