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

export function formatNumber(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return new Intl.NumberFormat(lang).format(n);
}

/** Set document.title to "<page> · <app>". */
export function useDocumentTitle(title: string | undefined, appName: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
