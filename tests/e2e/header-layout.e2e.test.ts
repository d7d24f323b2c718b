import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startSite } from './main-pages.ts';

/**
 * The header never makes a page scroll sideways: at 1280 px (one line), 1024 px (two rows) and on a
 * phone (390 px), in English, French and Spanish, signed in and out, every control of the header is
 * inside the window. Signed in, the account button opens the profile and sign-out links by keyboard;
 * on a phone the header search's suggestions stay inside the window and a conversation keeps its
 * composer in view.
 */
let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite('e2e_header_layout');
});
afterAll(() => site?.close());

const widths = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

/** What sticks out of the window: the document's width, and the header's controls past its right edge. */
function overflow(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    outside: Array.from(document.querySelectorAll('header a, header button, header input, header select'))
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 0.5; })
      .map((el) => el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName),
  }));
}

describe.each(['en', 'fr', 'es'])('the header in %s', (lng) => {
  it('fits the window at 1280, 1024 and 390 px, signed in and out', async () => {
    const problems: string[] = [];
    for (const signedIn of [false, true]) {
      const context = await site.context(lng, signedIn);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const paths = site.pages.filter((p) => p.signedIn === signedIn && ['home', 'register', 'practice', 'profile', 'thread'].includes(p.name));
      for (const p of paths) {
        for (const size of widths) {
          await page.setViewportSize(size);
          await openPage(page, site.app.baseUrl, p.path);
          const o = await overflow(page);
          if (o.scrollWidth > o.innerWidth) problems.push(`${p.path} at ${size.width} px: the page is ${o.scrollWidth} px wide`);
          if (o.outside.length) problems.push(`${p.path} at ${size.width} px: outside the window: ${o.outside.join(', ')}`);
        }
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

describe('the header, signed in', () => {
  it('opens the account menu by keyboard and closes it with Escape', async () => {
    const context = await site.context('en', true);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await openPage(page, site.app.baseUrl, '/');
    const toggle = page.getByRole('button', { name: 'Account' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('My profile');
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('user-menu-toggle'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('on a phone, keeps the search suggestions and the composer of a conversation inside the window', async () => {
    const context = await site.context('es', true);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await openPage(page, site.app.baseUrl, '/practices');
    await page.locator('.header-search input').fill('vivienda');
    await page.locator('.header-search-option').first().waitFor();
    const panel = await page.locator('.header-search-panel').boundingBox();
    expect(panel).not.toBeNull();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);

    const thread = site.pages.find((p) => p.name === 'thread')!;
    await openPage(page, site.app.baseUrl, thread.path);
    const send = await page.locator('.composer button[type="submit"]').boundingBox();
    expect(send).not.toBeNull();
    expect(send!.y + send!.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
