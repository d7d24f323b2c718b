import { useEffect } from 'react';

/** Country name for an ISO 3166-1 alpha-2 code in the given language (falls back to the code). */
export function countryName(code: string | null | undefined, lang: string): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Language name for an ISO 639-1 code in the given language (falls back to the code). */
export function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The locale for dates and numbers: the browser's own (navigator.language, so en-GB writes 03/12/2026
 * and en-US 12/3/2026) when it is a variant of the interface language, else the interface language.
 */
export function formatLocale(lang: string): string {
  const nav = typeof navigator !== 'undefined' ? [...(navigator.languages ?? []), navigator.language] : [];
  const base = lang.toLowerCase().split('-')[0];
  const match = nav.find((tag) => typeof tag === 'string' && tag.toLowerCase().split(/[-_]/)[0] === base);
  if (!match) return lang;
  try {
    return Intl.getCanonicalLocales(match.replace('_', '-'))[0] ?? lang;
  } catch {
    return lang;
  }
}

export function formatNumber(n: number | null | undefined, lang: string, options?: Intl.NumberFormatOptions): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return new Intl.NumberFormat(formatLocale(lang), options).format(n);
}

/** A date (or date and time) in the reader's locale; '' for a missing or unreadable value. */
export function formatDate(value: string | number | Date | null | undefined, lang: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(formatLocale(lang), options).format(d);
}

/** Set document.title to "<page> · <app>". */
export function useDocumentTitle(title: string | undefined, appName: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
