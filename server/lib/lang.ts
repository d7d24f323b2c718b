import type { Request } from 'express';

import { UI_LANGUAGES, type UiLanguage } from '../contract/common.ts';

export const LANGS = UI_LANGUAGES;
export type Lang = UiLanguage;

/** `?lang=` wins, then the first supported language of Accept-Language, then English. */
export function resolveLang(req: Request, queryLang?: string): Lang {
  if (queryLang && (LANGS as readonly string[]).includes(queryLang)) return queryLang as Lang;
  const accepted = req.acceptsLanguages(...LANGS);
  return (accepted || 'en') as Lang;
}

export type Localized = Partial<Record<Lang, string>>;
export const pick = (labels: unknown, lang: Lang): string => {
  const l = (labels ?? {}) as Localized;
  return l[lang] ?? l.en ?? '';
};
