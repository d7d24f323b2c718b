import type pg from 'pg';
import { q, type Tables } from './tables.ts';
import { mayBeSynonymTypo } from '../synonyms.ts';
import { nearTerms, typoDistance } from '../typos.ts';

/**
 * Turns what a person typed into tsqueries, in one round trip:
 * - words are accent-folded and lower-cased the way documents are (`charter_simple`);
 * - each word becomes the OR of its lexemes under every language configuration (the query has no
 *   language) and of its synonyms';
 * - a word of 5+ letters that the lexicon does not know (or knows far less than a neighbour) is
 *   widened with lexicon words one edit away (two for 9+ letters): insertion, deletion, substitution or
 *   swap of neighbours, as Meilisearch counts them. An unknown 4-letter word may be a 5-letter word
 *   with a letter missing: it is widened with those only;
 * - a word the lexicon does not know is also compared with the synonym vocabulary (synonyms.ts), in
 *   this process, with the same budget: "hosuing" → "housing" even where no practice contains
 *   "housing". Such a correction brings its synonyms in ("logemnet" → "logement" → "housing",
 *   "vivienda", …): alone, a term no practice contains would find nothing. A correction the lexicon
 *   offers searches that word, as before (measured: bringing its synonyms in too cost typo recall@10
 *   98% → 96% in bench:search, the intended practice crowded out by the other languages' matches);
 * - stop words of any language are dropped (unless nothing else is left).
 */

/**
 * A possible correction: the word, its document frequency, its lexemes, the lexemes of its synonyms
 * when it came from the synonym vocabulary (`vocabulary`, preferred at equal distance).
 */
export type Candidate = { w: string; df: number; lx: string[]; sx?: string[]; vocabulary?: boolean };
export type AnalyzedWord = { word: string; lexemes: string[]; stop: boolean; df: number; candidates: Candidate[]; synonyms: string[] };

export type QueryPlan = {
  /** Every word group must match (some alternative of it). */
  match: string;
  /** The words as typed (no synonyms, no corrections): ranks literal matches first. */
  exact: string;
  /** Any alternative of any word: ranking weight and highlighting. */
  any: string;
  /** The lexemes of `any`, each once: whose champion lists rank a broad query. */
  lexemes: string[];
  corrections: { word: string; to: string[] }[];
};

const MAX_CORRECTIONS = 6;
/** A known word is still widened when a neighbour is this many times more common (a typo of it). */
const RARE_FACTOR = 5;

export { maxTypos, osaDistance } from '../typos.ts';

export function analyzeSql(t: Tables) {
  const lex = q(t.lexicon);
  return `
  WITH words AS (
    SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('public.charter_simple', $1::text))) AS w LIMIT 32
  )
  SELECT w.w AS word, charter_lexemes(w.w) AS lexemes, charter_is_stopword(w.w) AS stop,
    coalesce((SELECT doc_count FROM ${lex} WHERE word = w.w), 0) AS df,
    ARRAY(SELECT DISTINCT unnest(charter_lexemes(s)) FROM jsonb_array_elements_text(coalesce($2::jsonb -> w.w, '[]')) AS s) AS synonyms,
    CASE WHEN char_length(w.w) >= 4 AND w.w !~ '[0-9]' THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_object('w', c.word, 'df', c.doc_count, 'lx', charter_lexemes(c.word))), '[]')
      FROM (
        SELECT word, doc_count, head_count FROM ${lex} WHERE deletes && (search_deletes(w.w) || w.w)
        UNION
        SELECT word, doc_count, head_count FROM ${lex} WHERE word = ANY(search_deletes(w.w))
        UNION
        SELECT word, doc_count, head_count FROM ${lex}
        WHERE char_length(w.w) >= 9 AND word % w.w AND levenshtein_less_equal(word, w.w, 2) <= 2
      ) c
      WHERE c.word <> w.w AND (c.head_count > 0 OR c.doc_count > 1)
    ) ELSE '[]'::jsonb END AS candidates
  FROM words w`;
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const or = (lexemes: Iterable<string>) => {
  const list = [...new Set(lexemes)].map(quote);
  return list.length > 1 ? `(${list.join(' | ')})` : list[0] ?? '';
};

/** Chooses corrections and writes the three tsqueries; null when nothing searchable is left. */
export function planQuery(words: AnalyzedWord[]): QueryPlan | null {
  const usable = words.filter((w) => w.lexemes.length > 0);
  const kept = usable.some((w) => !w.stop) ? usable.filter((w) => !w.stop) : usable;
  if (!kept.length) return null;
  const corrections: QueryPlan['corrections'] = [];
  const groups = kept.map((w) => {
    const typed = w.lexemes;
    const near = w.candidates
      .map((c) => ({ ...c, d: typoDistance(w.word, c.w, w.df === 0) }))
      .filter((c): c is typeof c & { d: number } => c.d !== null && (w.df === 0 || c.df >= RARE_FACTOR * w.df))
      .sort((a, b) => a.d - b.d || Number(!!b.vocabulary) - Number(!!a.vocabulary) || b.df - a.df)
      .slice(0, MAX_CORRECTIONS);
    if (near.length) corrections.push({ word: w.word, to: near.map((c) => c.w) });
    return { typed, all: [...typed, ...w.synonyms, ...near.flatMap((c) => [...c.lx, ...(c.sx ?? [])])] };
  });
  return {
    match: groups.map((g) => or(g.all)).join(' & '),
    exact: groups.map((g) => or(g.typed)).join(' & '),
    any: or(groups.flatMap((g) => g.all)),
    lexemes: [...new Set(groups.flatMap((g) => g.all))],
    corrections,
  };
}

/** The synonym vocabulary as typo correction uses it: folded term → its synonyms, and every word's lexemes. */
export type SynonymVocabulary = { synonyms: Record<string, string[]>; terms: string[]; lexemes: Map<string, string[]> };

/** The lexemes of every word of the synonym map: one statement, once per process (configurations never change). */
export async function loadSynonymVocabulary(pool: pg.Pool, synonyms: Record<string, string[]>): Promise<SynonymVocabulary> {
  const words = [...new Set([...Object.keys(synonyms), ...Object.values(synonyms).flat()])];
  const { rows } = await pool.query<{ w: string; lx: string[] }>('SELECT w, charter_lexemes(w) AS lx FROM unnest($1::text[]) AS w', [words]);
  return { synonyms, terms: Object.keys(synonyms), lexemes: new Map(rows.map((r) => [r.w, r.lx])) };
}

/** An unknown word that may be a typo of a synonym term (it is compared with the vocabulary). */
const unknownSynonymTypo = (w: AnalyzedWord, synonyms: Record<string, string[]>) => w.df === 0 && mayBeSynonymTypo(w.word, synonyms);

/** Whether {@link withSynonymCandidates} has anything to do (so the vocabulary is only loaded when needed). */
export const needsSynonymVocabulary = (words: AnalyzedWord[], synonyms: Record<string, string[]>) =>
  words.some((w) => unknownSynonymTypo(w, synonyms));

/**
 * Adds to each unknown word the synonym terms it may be a typo of (those the lexicon did not offer
 * already), each with its synonyms' lexemes.
 */
export function withSynonymCandidates(words: AnalyzedWord[], vocabulary: SynonymVocabulary): AnalyzedWord[] {
  const { synonyms, lexemes } = vocabulary;
  const lexemesOf = (w: string) => lexemes.get(w) ?? [];
  const synonymLexemes = (term: string) => [...new Set((synonyms[term] ?? []).flatMap(lexemesOf))];
  return words.map((w) => {
    const candidates: Candidate[] = [...w.candidates];
    if (unknownSynonymTypo(w, synonyms)) {
      for (const term of nearTerms(w.word, vocabulary.terms)) {
        if (!candidates.some((c) => c.w === term)) candidates.push({ w: term, df: 0, lx: lexemesOf(term), sx: synonymLexemes(term), vocabulary: true });
      }
    }
    return { ...w, candidates };
  });
}

export async function analyzeQuery(
  pool: pg.Pool, t: Tables, text: string, synonyms: Record<string, string[]>, vocabulary?: () => Promise<SynonymVocabulary>,
) {
  const { rows } = await pool.query<AnalyzedWord>(analyzeSql(t), [text, JSON.stringify(synonyms)]);
  // the vocabulary only for a word without a hit
  return planQuery(vocabulary && needsSynonymVocabulary(rows, synonyms) ? withSynonymCandidates(rows, await vocabulary()) : rows);
}
