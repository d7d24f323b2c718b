/** The languages the client speaks and how the first one is picked (no i18next here: cheap to import anywhere). */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
  { code: 'es', label: 'Español' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: Language = 'en';
export const STORAGE_KEY = 'charter.language';

export function isSupported(lng: unknown): lng is Language {
  return typeof lng === 'string' && LANGUAGES.some((l) => l.code === lng);
}

/** Map a BCP 47 tag ("fr-CA", "es_419") to a supported language, if any. */
export function matchLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return isSupported(base) ? base : undefined;
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage may be unavailable (privacy mode, sandboxed iframe)
  }
}

/** Stored choice first, then the browser's preferred languages, then English. */
export function detectLanguage(): Language {
  const stored = matchLanguage(readStored());
  if (stored) return stored;
  const nav = typeof navigator !== 'undefined' ? navigator : undefined;
  const candidates = [...(nav?.languages ?? []), nav?.language];
  for (const c of candidates) {
    const m = matchLanguage(c);
    if (m) return m;
  }
  return DEFAULT_LANGUAGE;
}
