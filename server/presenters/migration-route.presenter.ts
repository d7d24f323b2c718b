import type { Lang, Localized } from '../lib/lang.ts';

type RouteRow = {
  id: string; slug: string; name: string; description: string | null; sourcedFrom: string | null; stageHints: unknown;
  names?: unknown; descriptions?: unknown;
};

const texts = (v: unknown): Localized => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Localized) : {});

/** `name`/`description` in `lang` (English, the stored `name`/`description`, when there is no translation). */
export const presentRoute = (r: RouteRow, lang: Lang = 'en') => {
  const names = { en: r.name, ...texts(r.names) };
  const descriptions = r.description === null ? texts(r.descriptions) : { en: r.description, ...texts(r.descriptions) };
  return {
    id: r.id,
    slug: r.slug,
    name: names[lang] || r.name,
    description: descriptions[lang] || r.description,
    sourcedFrom: r.sourcedFrom,
    stageHints: r.stageHints as Record<string, string[]>,
    names,
    descriptions,
  };
};
