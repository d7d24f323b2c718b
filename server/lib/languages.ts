/**
 * The 183 ISO 639-1 language codes (deprecated ones such as iw, in, ji, mo, sh left out). A fixed
 * list rather than Intl.DisplayNames: validation must not depend on the ICU data Node was built with,
 * and the matching index gives each code a stable bit.
 */
export const ISO_639_1 = Object.freeze(
  ('aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
    'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik ' +
    'io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml ' +
    'mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd ' +
    'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi ' +
    'vo wa wo xh yi yo za zh zu').split(' '),
);

const INDEX = new Map(ISO_639_1.map((code, i) => [code, i]));

export const isLanguageCode = (code: string) => INDEX.has(code);
/** Position of a code in ISO_639_1, or -1. */
export const languageIndex = (code: string) => INDEX.get(code) ?? -1;

const names = new Map<string, Intl.DisplayNames>();
/** "English", "anglais", "inglés"…: falls back to the code where ICU has no name. */
export function languageName(code: string, lang: string): string {
  let dn = names.get(lang);
  if (!dn) {
    dn = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
    names.set(lang, dn);
  }
  return dn.of(code) ?? code;
}
