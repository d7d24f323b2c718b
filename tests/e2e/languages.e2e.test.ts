import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startSite } from './main-pages.ts';

/**
 * Every main page once in French and in Spanish: no interface string is left in English. The English
 * strings are the en values of the i18n keys (core file + every feature file) that differ from the
 * language's own; a text node (or aria-label, placeholder, title) on the page equal to one of them —
 * `{{x}}` matching anything — is an untranslated string. Data (city names, practice titles) is not
 * checked: it is written in whatever language its author wrote it. The header must also stay on one
 * line at 1280 px in both languages.
 */
type Messages = { [k: string]: string | Messages };
const dir = 'client/src/i18n';
function messages(lng: string): Messages {
  const merge = (into: Messages, from: Messages): Messages => {
    for (const [k, v] of Object.entries(from)) {
      const cur = into[k];
      into[k] = typeof v === 'object' && typeof cur === 'object' ? merge({ ...cur }, v) : v;
    }
    return into;
  };
  const out = merge({}, JSON.parse(readFileSync(path.join(dir, `${lng}.json`), 'utf8')));
  for (const f of readdirSync(path.join(dir, 'features')).filter((n) => n.endsWith(`.${lng}.json`)).sort()) {
    merge(out, JSON.parse(readFileSync(path.join(dir, 'features', f), 'utf8')));
  }
  return out;
}
const flatten = (m: Messages, prefix = ''): Map<string, string> => new Map(Object.entries(m).flatMap(([k, v]) =>
  typeof v === 'string' ? [[prefix + k, v] as const] : [...flatten(v, `${prefix}${k}.`)]));

/** en strings that the language translates differently (and that it does not itself use anywhere). */
function untranslatedPatterns(lng: string): { key: string; en: string; re: RegExp }[] {
  const en = flatten(messages('en'));
  const other = flatten(messages(lng));
  const own = new Set(other.values());
  const out: { key: string; en: string; re: RegExp }[] = [];
  for (const [key, value] of en) {
    const theirs = other.get(key);
    if (theirs === value || own.has(value)) continue; // a key missing in the language falls back to English: checked
    if (value.replace(/\{\{[^}]+\}\}/g, '').replace(/[\s\p{P}]/gu, '').length < 3) continue; // "{{n}} ·": nothing to read
    const re = new RegExp(`^${value.trim().split(/\{\{[^}]+\}\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 'u');
    out.push({ key, en: value, re });
  }
  return out;
}

/** What a reader sees or hears: visible text nodes and the accessible labels of the page. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!text || !el || el.closest('script, style, noscript')) continue;
      if (el.closest('[lang]')?.getAttribute('lang') !== document.documentElement.lang) continue; // content in its own language
      if (!el.checkVisibility?.() && !el.closest('.visually-hidden')) continue;
      out.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  site = await startSite('e2e_languages');
});
afterAll(() => site?.close());

describe.each(['fr', 'es'])('every main page in %s', (lng) => {
  it('shows no interface string in English and keeps the header on one line at 1280 px', async () => {
    const patterns = untranslatedPatterns(lng);
    expect(patterns.length).toBeGreaterThan(100); // the check has something to check
    const untranslated: string[] = [];
    for (const signedIn of [false, true]) {
      const context = await site.context(lng, signedIn);
      for (const p of site.pages.filter((x) => x.signedIn === signedIn)) {
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        await openPage(page, site.app.baseUrl, p.path);
        expect(await page.locator('html').getAttribute('lang')).toBe(lng);
        for (const text of new Set(await visibleTexts(page))) {
          const hit = patterns.find((x) => x.re.test(text));
          if (hit) untranslated.push(`${p.path}: "${text}" (${hit.key})`);
        }
        // one line: every item of the header starts at the same height
        const tops = await page.evaluate(() => Array.from(document.querySelectorAll('.header-inner > *, .main-nav li, .header-tools > *'))
          .filter((el) => (el as HTMLElement).offsetParent !== null)
          .map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)));
        const spread = Math.max(...tops) - Math.min(...tops);
        if (spread > 8) untranslated.push(`${p.path}: the header wraps (item centres ${Math.min(...tops)}–${Math.max(...tops)} px)`);
        await page.close();
      }
      await context.close();
    }
    expect(untranslated).toEqual([]);
  }, 300_000);
});
