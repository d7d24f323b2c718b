import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatLocale, formatNumber } from '../../../client/src/format';

const browser = (...languages: string[]) => vi.stubGlobal('navigator', { language: languages[0], languages });
afterEach(() => vi.unstubAllGlobals());

describe('dates and numbers in the browser’s locale', () => {
  it('writes en-GB and en-US dates differently for the same English interface', () => {
    const day = '2026-12-03T12:00:00Z';
    browser('en-GB');
    expect(formatLocale('en')).toBe('en-GB');
    expect(formatDate(day, 'en', { dateStyle: 'short', timeZone: 'UTC' })).toBe('03/12/2026');
    browser('en-US');
    expect(formatDate(day, 'en', { dateStyle: 'short', timeZone: 'UTC' })).toBe('12/3/26');
  });

  it('uses the browser’s variant of the interface language, else the interface language', () => {
    browser('de-CH', 'fr-CH', 'en-GB');
    expect(formatLocale('fr')).toBe('fr-CH');
    expect(formatLocale('es')).toBe('es');
    expect(formatNumber(1234567.5, 'es')).toBe('1.234.567,5');
  });

  it('returns nothing for missing or unreadable values', () => {
    browser('en-GB');
    expect(formatDate(null, 'en')).toBe('');
    expect(formatDate('not a date', 'en')).toBe('');
    expect(formatNumber(undefined, 'en')).toBe('');
  });
});
