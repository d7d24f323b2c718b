import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startSite } from './main-pages.ts';

/**
 * axe-core on every main page (signed out and signed in): no serious or critical violation. With
 * SCREENSHOTS=1 (`npm run screenshots`) each page is also saved to docs/screenshots/<page>.png.
 */
const axeSource: string = createRequire(import.meta.url)('axe-core').source;
let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  site = await startSite('e2e_a11y');
});
afterAll(() => site?.close());

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

describe('accessibility of every main page', () => {
  it('has no serious or critical axe violation and a clean console on any page, signed out or in', async () => {
    if (process.env.SCREENSHOTS) mkdirSync('docs/screenshots', { recursive: true });
    const found: string[] = [];
    for (const signedIn of [false, true]) {
      const context = await site.context('en', signedIn);
      for (const p of site.pages.filter((x) => x.signedIn === signedIn)) {
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        // a clean console: no 401 from a session probe on anonymous visits, no error anywhere
        page.on('console', (m) => { if (m.type() === 'error') found.push(`${p.path}: console error ${m.text()}`); });
        const t0 = Date.now();
        await openPage(page, site.app.baseUrl, p.path);
        if (process.env.E2E_VERBOSE) console.log(p.path, 'open', Date.now() - t0, 'ms');
        // evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
          const r = await axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
        });
        for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
          found.push(`${p.path}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
        if (process.env.SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/${p.name}.png` });
        await page.close();
      }
      await context.close();
    }
    expect(found).toEqual([]);
  }, 300_000);

  it('reaches the content with the keyboard: the skip link comes first and every focus is visible', async () => {
    const context = await site.context('en', false);
    const page = await context.newPage();
    await openPage(page, site.app.baseUrl, '/cities');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    expect(first.href).toBe('#main');
    // tab through the header and into the page: each focused element draws an outline
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'none';
        const s = getComputedStyle(el);
        return s.outlineStyle === 'none' || s.outlineWidth === '0px' ? `no outline on ${el.tagName} ${el.textContent?.slice(0, 30)}` : 'ok';
      });
      expect(outline).toBe('ok');
    }
    await context.close();
  });
});
