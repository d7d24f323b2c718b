import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, STORAGE_KEY, detectLanguage, isSupported, type Language } from './languages';
import { loadMessages } from './messages';

export { DEFAULT_LANGUAGE, LANGUAGES, STORAGE_KEY, detectLanguage, isSupported, matchLanguage, type Language } from './languages';

/** i18next asks for a language when it is first used: its strings come from that language's chunk only. */
const chunks: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, _ns, done) {
    if (!isSupported(lng)) return done(null, {});
    loadMessages(lng).then((m) => done(null, m), (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), false));
  },
};

/** Switch language (its strings are fetched first if needed) and remember the explicit choice. */
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

/** Resolves once the first language's strings are in: main.tsx renders after it, so no key is ever shown. */
export const i18nReady: Promise<unknown> = i18next.isInitialized
  ? Promise.resolve()
  : i18next.use(chunks).use(initReactI18next).init({
    lng: detectLanguage(),
    // every language has every key (tests/unit/client/language.test.tsx): no fallback to download too
    fallbackLng: false,
    supportedLngs: LANGUAGES.map((l) => l.code),
    load: 'languageOnly',
    interpolation: { escapeValue: false }, // React already escapes
    react: { useSuspense: false },
  }).then(() => {
    i18next.on('languageChanged', syncDocument);
    syncDocument(i18next.resolvedLanguage ?? i18next.language ?? DEFAULT_LANGUAGE);
  });

export default i18next;
