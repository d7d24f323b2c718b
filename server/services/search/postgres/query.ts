import type pg from 'pg';
import { q, type Tables } from './tables.ts';

/**
 * Turns what a person typed into tsqueries, in one round trip:
 * - words are accent-folded and lower-cased the way documents are (`charter_simple`);
 * - each word becomes the OR of its lexemes under every language configuration (the query has no
 *   language) and of its synonyms';
 * - a word of 5+ letters that the lexicon does not know (or knows far less than a neighbour) is
 *   widened with lexicon words one edit away (two for 9+ letters): insertion, deletion, substitution or
 *   swap of neighbours, as Meilisearch counts them. An unknown 4-letter word may be a 5-letter word
 *   with a letter missing: it is widened with those only;
 * - stop words of any language are dropped (unless nothing else is left).
 */

export type Candidate = { w: string; df: number; lx: string[] };
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

export const maxTypos = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);
/** Corrections allowed for a typed word: by its length, or one letter short of five when unknown. */
const allowed = (w: AnalyzedWord, c: Candidate) =>
  maxTypos(w.word) > 0 || (w.word.length === 4 && w.df === 0 && c.w.length === 5);

/** Optimal string alignment distance (Levenshtein plus swaps of neighbours), capped at `max + 1`. */
export function osaDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const A = [...a];
  const B = [...b];
  const rows: number[][] = [];
  for (let i = 0; i <= A.length; i++) {
    rows.push(new Array(B.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= B.length; j++) rows[0][j] = j;
  for (let i = 1; i <= A.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i][j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[A.length][B.length];
}

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
    const limit = Math.max(1, maxTypos(w.word));
    const near = w.candidates
      .filter((c) => allowed(w, c))
      .map((c) => ({ ...c, d: osaDistance(w.word, c.w, limit) }))
      .filter((c) => c.d <= limit && (w.df === 0 || c.df >= RARE_FACTOR * w.df))
      .sort((a, b) => a.d - b.d || b.df - a.df)
      .slice(0, MAX_CORRECTIONS);
    if (near.length) corrections.push({ word: w.word, to: near.map((c) => c.w) });
    return { typed, all: [...typed, ...w.synonyms, ...near.flatMap((c) => c.lx)] };
  });
  return {
    match: groups.map((g) => or(g.all)).join(' & '),
    exact: groups.map((g) => or(g.typed)).join(' & '),
    any: or(groups.flatMap((g) => g.all)),
    lexemes: [...new Set(groups.flatMap((g) => g.all))],
    corrections,
  };
}

export async function analyzeQuery(pool: pg.Pool, t: Tables, text: string, synonyms: Record<string, string[]>) {
  const { rows } = await pool.query<AnalyzedWord>(analyzeSql(t), [text, JSON.stringify(synonyms)]);
  return planQuery(rows);
}
