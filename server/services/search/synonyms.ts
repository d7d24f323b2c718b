/**
 * Words that mean the same across the network's main languages, for both engines (Meilisearch's
 * `synonyms` setting; the PostgreSQL engine ORs them into the query). Each group is symmetric. Keep
 * entries single words, lower-case; accents are folded by the engines.
 *
 * They are also a vocabulary for typo correction: a query word that is a typo of one of them
 * ("hosuing", "logemnet") is corrected to it and then expanded, whether or not any practice contains
 * the word itself (docs/search.md, "Typos of synonyms").
 */
export const SYNONYM_GROUPS: string[][] = [
  ['migrant', 'migrante', 'immigrant', 'inmigrante', 'immigré'],
  ['migrants', 'migrantes', 'immigrants', 'inmigrantes', 'immigrés'],
  ['refugee', 'réfugié', 'refugiado', 'refugiada'],
  ['refugees', 'réfugiés', 'refugiados', 'refugiadas'],
  ['asylum', 'asile', 'asilo'],
  ['housing', 'logement', 'vivienda', 'alojamiento', 'hébergement'],
  ['shelter', 'abri', 'albergue', 'refugio'],
  ['health', 'santé', 'salud'],
  ['healthcare', 'soins', 'sanitaria'],
  ['education', 'éducation', 'educación', 'school', 'école', 'escuela'],
  ['employment', 'emploi', 'empleo', 'jobs', 'work', 'travail', 'trabajo'],
  ['language', 'langue', 'idioma', 'lengua'],
  ['children', 'enfants', 'niños', 'niñez'],
  ['minors', 'mineurs', 'menores'],
  ['women', 'femmes', 'mujeres'],
  ['detention', 'détention', 'detención', 'rétention'],
  ['integration', 'intégration', 'integración', 'inclusion', 'inclusión'],
  ['reception', 'accueil', 'acogida'],
  ['city', 'ville', 'ciudad', 'municipality', 'municipalité', 'municipio'],
  ['trafficking', 'traite', 'trata'],
  ['volunteers', 'bénévoles', 'voluntarios', 'voluntariado'],
];

/** word → the other words of its group(s). */
export function synonymMap(groups = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const group of groups) {
    for (const w of group) {
      map[w] ??= new Set();
      for (const other of group) if (other !== w) map[w].add(other);
    }
  }
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [...v]]));
}

/** Accent-folded, lower-case: query words as both engines compare them ("Réfugié" → "refugie"). */
export const foldWord = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** {@link synonymMap} with keys and values accent-folded (words that fold alike merge). */
export function foldedSynonymMap(groups = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const [k, v] of Object.entries(synonymMap(groups))) {
    const key = foldWord(k);
    map[key] ??= new Set();
    for (const w of v) if (foldWord(w) !== key) map[key].add(foldWord(w));
  }
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [...v]]));
}

/**
 * Whether a (folded) query word is worth comparing with the synonym terms as a typo of one: four letters
 * or more, no digits, not a term itself. Both engines ask this; the built-in one only for words its
 * lexicon lacks, Meilisearch before asking its index whether it holds the word.
 */
export const mayBeSynonymTypo = (word: string, synonyms: Record<string, string[]>) =>
  word.length >= 4 && !/[0-9]/.test(word) && !Object.hasOwn(synonyms, word);
