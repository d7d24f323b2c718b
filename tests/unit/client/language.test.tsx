// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import en from '../../../client/src/i18n/messages.en.ts';
import fr from '../../../client/src/i18n/messages.fr.ts';
import es from '../../../client/src/i18n/messages.es.ts';
import { STORAGE_KEY, detectLanguage, matchLanguage } from '../../../client/src/i18n';
import { byText, headerOf, json, mockFetch, problem, renderApp, selectOption, waitFor, useCleanClientState } from './harness';

function keys(obj: unknown, prefix = ''): string[] {
  if (obj && typeof obj === 'object') {
    return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}
// Plural forms differ per language (fr/es have _many): compare base keys.
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe('i18n', () => {
  useCleanClientState();

  it('has the same keys in en, fr and es', () => {
    const enKeys = new Set(keys(en).map(base));
    for (const other of [fr, es]) {
      const otherKeys = new Set(keys(other).map(base));
      expect([...enKeys].filter((k) => !otherKeys.has(k))).toEqual([]);
      expect([...otherKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    }
  });

  it('the header language switcher changes the rendered strings and is remembered', async () => {
    const fetchMock = mockFetch({
      'GET /api/me': () => problem(401, 'Unauthorized'),
      'GET /api/routes': () => json(200, { items: [{ slug: 'central-med', name: 'Central Mediterranean', cityCount: 3 }], nextCursor: null }),
    });
    const { container } = await renderApp('/routes');
    await waitFor(() => byText(container, 'Central Mediterranean'));
    const nav = container.querySelector('nav')!;
    expect(nav.textContent).toContain('Cities');
    expect(byText(container, 'Migration routes', 'h1')).not.toBeNull();
    expect(byText(container, '3 cities')).not.toBeNull();

    await selectOption(container.querySelector('header select'), 'fr');
    await waitFor(() => byText(container, 'Routes migratoires', 'h1'));
    expect(nav.textContent).toContain('Villes');
    expect(byText(container, '3 villes')).not.toBeNull();
    expect(byText(container, 'Se connecter')).not.toBeNull();
    expect(localStorage.getItem(STORAGE_KEY)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');

    // the list is reloaded in the new language
    await waitFor(() => {
      const calls = fetchMock.mock.calls.filter(([u]) => String(u).startsWith('/api/routes'));
      const last = calls.at(-1)!;
      return String(last[0]).includes('lang=fr') && headerOf(last[1], 'accept-language') === 'fr';
    });

    await selectOption(container.querySelector('header select'), 'es');
    await waitFor(() => byText(container, 'Rutas migratorias', 'h1'));
    expect(nav.textContent).toContain('Ciudades');
  });

  it('detects the default language from storage, then navigator', () => {
    expect(matchLanguage('fr-CA')).toBe('fr');
    expect(matchLanguage('es_419')).toBe('es');
    expect(matchLanguage('de-DE')).toBeUndefined();

    const spy = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'es-MX', 'en']);
    expect(detectLanguage()).toBe('es');
    localStorage.setItem(STORAGE_KEY, 'fr');
    expect(detectLanguage()).toBe('fr');
    spy.mockRestore();
  });
});
