import { createRequire } from 'node:module';
import type WorldCountries from 'world-countries';

/** A row of the `countries` table, built from npm `world-countries`. */
export interface CountryRow {
  code: string; // ISO 3166-1 alpha-2
  names: { en: string; fr: string; es: string };
  region: string;
  subregion: string | null;
}

/**
 * ISO 639-3 → ISO 639-1 for every 639-3 code that appears in world-countries' `languages` and has a
 * 639-1 code. Two individual languages are mapped to their macrolanguage's code (ckb Central Kurdish →
 * ku, prs Dari → fa), as BCP 47 tooling commonly does; and gsw → de, because world-countries lists
 * Swiss German for Switzerland, whose official (written) language is German. Codes absent here have no
 * 639-1 code (e.g. fil, tet, tpi, pap, nso, cnr, crs, mfe, ber, khi) and are dropped.
 */
const ISO639_3_TO_1: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'afr:af amh:am ara:ar aym:ay aze:az bel:be ben:bn bis:bi bos:bs bul:bg cat:ca ces:cs cha:ch ckb:ku ' +
    'dan:da deu:de div:dv dzo:dz ell:el eng:en est:et fao:fo fas:fa fij:fj fin:fi fra:fr gle:ga glv:gv ' +
    'grn:gn gsw:de hat:ht heb:he her:hz hin:hi hmo:ho hrv:hr hun:hu hye:hy ind:id isl:is ita:it jpn:ja kal:kl ' +
    'kat:ka kaz:kk khm:km kin:rw kir:ky kon:kg kor:ko lao:lo lat:la lav:lv lin:ln lit:lt ltz:lb mah:mh ' +
    'mkd:mk mlg:mg mlt:mt mon:mn mri:mi msa:ms mya:my nau:na nbl:nr nde:nd ndo:ng nep:ne nld:nl nno:nn ' +
    'nob:nb nor:no nya:ny pol:pl por:pt prs:fa pus:ps que:qu roh:rm ron:ro run:rn rus:ru sag:sg sin:si ' +
    'slk:sk slv:sl smo:sm sna:sn som:so sot:st spa:es sqi:sq srp:sr ssw:ss swa:sw swe:sv tam:ta tgk:tg ' +
    'tha:th tir:ti ton:to tsn:tn tso:ts tuk:tk tur:tr ukr:uk urd:ur uzb:uz ven:ve vie:vi xho:xh zho:zh zul:zu'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** ISO 639-3 → ISO 639-1, or undefined when the language has no two-letter code. */
export function iso639_1(code3: string): string | undefined {
  return ISO639_3_TO_1[code3.toLowerCase()];
}

// world-countries (1.4 MB of JSON, several MB once parsed) is read on first use: only seeding needs it,
// and most API processes start over a database that is already seeded
const require = createRequire(import.meta.url);
let loaded: { all: typeof WorldCountries; byCode: Map<string, (typeof WorldCountries)[number]> } | undefined;
const countries = () => (loaded ??= (() => {
  const all = require('world-countries') as typeof WorldCountries;
  return { all, byCode: new Map(all.map((c) => [c.cca2.toUpperCase(), c])) };
})());

/** All countries (250), sorted by code. */
export function buildCountryRows(): CountryRow[] {
  return countries().all
    .map((c) => ({
      code: c.cca2.toUpperCase(),
      names: {
        en: c.name.common,
        fr: c.translations.fra?.common ?? c.name.common,
        es: c.translations.spa?.common ?? c.name.common,
      },
      region: c.region,
      subregion: c.subregion || null,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** A country's official languages as ISO 639-1 codes (deduplicated, in world-countries' order). */
export function officialLanguagesOf(code: string | null | undefined): string[] {
  if (!code) return [];
  const country = countries().byCode.get(code.toUpperCase());
  if (!country) return [];
  const out: string[] = [];
  for (const code3 of Object.keys(country.languages ?? {})) {
    const code1 = iso639_1(code3);
    if (code1 && !out.includes(code1)) out.push(code1);
  }
  return out;
}

