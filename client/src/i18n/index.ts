/// <reference types="vite/client" />
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCore from './en.json';
import frCore from './fr.json';
import esCore from './es.json';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
  { code: 'es', label: 'Español' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

type Messages = { [key: string]: string | Messages };

function deepMerge(into: Messages, from: Messages): Messages {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === 'object' && typeof cur === 'object' ? deepMerge({ ...cur }, v) : v;
  }
  return into;
}

/**
 * Each feature keeps its strings in `features/<feature>.<lng>.json` (one file per feature and language)
 * so features add strings without touching one shared file; they are merged over the core files.
 */
const featureFiles = import.meta.glob<Messages>('./features/*.json', { eager: true, import: 'default' });

export function messagesFor(lng: Language, core: Messages): Messages {
  const merged = deepMerge({}, core);
  for (const [path, messages] of Object.entries(featureFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (path.endsWith(`.${lng}.json`)) deepMerge(merged, messages);
  }
  return merged;
}

export const messages: Record<Language, Messages> = {
  en: messagesFor('en', enCore),
  fr: messagesFor('fr', frCore),
  es: messagesFor('es', esCore),
};
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

/** Switch language and remember the explicit choice. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    /* ignore */
  }
  await i18next.changeLanguage(lng);
}

function syncDocument(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

if (!i18next.isInitialized) {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: messages.en }, fr: { translation: messages.fr }, es: { translation: messages.es } },
    lng: detectLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    nonExplicitSupportedLngs: true,
    interpolation: { escapeValue: false }, // React already escapes
    initAsync: false,
    react: { useSuspense: false },
  });
  i18next.on('languageChanged', syncDocument);
  syncDocument(i18next.resolvedLanguage ?? i18next.language);
}

export default i18next;
