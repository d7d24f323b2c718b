import type pg from 'pg';
import { q, type Tables } from './tables.ts';

/**
 * Champion lists (docs/search.md, "Broad queries"): for every lexeme found in more than CHAMPIONS
 * documents' head vectors, the CHAMPIONS documents where it ranks highest on its own
 * (g = ts_rank of the head vector for that lexeme alone), ties to the newest. ts_rank of a query
 * without weights restrictions is the sum of its lexemes' g over their number, so the sum of g over the
 * lists is the document's rank, short only of the lexemes whose list it missed (each worth at most the
 * list's last g): a broad query ranks exactly the CANDIDATES documents with the highest sums (plus the
 * head matches of lexemes too rare to have a list) instead of every match.
 */
export const CHAMPIONS = 1_000;
/** How many documents, best by the lists' sum of g, are ranked exactly. */
export const CANDIDATES = 300;
/** …and the first of each list, whatever their sums. */
export const PER_LIST = 200;

/** The ranking weights of the engine (D, C, B, A), shared with the query. */
export const RANK_WEIGHTS = `'{0.05, 0.2, 0.4, 1.0}'`;

const single = (headTsv: string, lexeme: string) => `ts_rank(${RANK_WEIGHTS}, ${headTsv}, quote_literal(${lexeme})::tsquery)`;

/** Fills an empty champions table from the documents (a rebuild's `_next` twin; the migration). */
export function buildChampionsSql(t: Tables) {
  return `
  INSERT INTO ${q(t.champions)} (lexeme, practice_id, g, published_at)
  SELECT lexeme, practice_id, g, published_at FROM (
    SELECT x.*, row_number() OVER (PARTITION BY lexeme ORDER BY g DESC, published_at DESC NULLS LAST, practice_id) AS rn,
      count(*) OVER (PARTITION BY lexeme) AS df
    FROM (
      SELECT u.lexeme, d.practice_id, d.published_at, ${single('d.head_tsv', 'u.lexeme')} AS g
      FROM ${q(t.docs)} d, unnest(tsvector_to_array(d.head_tsv)) AS u(lexeme)
    ) x
  ) y WHERE df > ${CHAMPIONS} AND rn <= ${CHAMPIONS}`;
}

/**
 * After documents were written: their old entries go, and each of their head lexemes that has a list
 * gets them back where they rank in its top CHAMPIONS (lists may grow past it until the next rebuild;
 * queries read the top CHAMPIONS). Lexemes without a list stay without one (found through the head GIN).
 */
export function refreshChampionsSql(t: Tables) {
  const c = q(t.champions);
  return `
  WITH gone AS (DELETE FROM ${c} WHERE practice_id = ANY($1::text[]) RETURNING 1),
  pairs AS (
    SELECT u.lexeme, d.practice_id, d.published_at, ${single('d.head_tsv', 'u.lexeme')} AS g
    FROM ${q(t.docs)} d, unnest(tsvector_to_array(d.head_tsv)) AS u(lexeme)
    WHERE d.practice_id = ANY($1::text[]) AND EXISTS (SELECT 1 FROM ${c} x WHERE x.lexeme = u.lexeme)
  )
  INSERT INTO ${c} (lexeme, practice_id, g, published_at)
  SELECT p.lexeme, p.practice_id, p.g, p.published_at FROM pairs p
  WHERE p.g >= coalesce((SELECT x.g FROM ${c} x WHERE x.lexeme = p.lexeme ORDER BY x.g DESC, x.published_at DESC NULLS LAST
                         OFFSET ${CHAMPIONS - 1} LIMIT 1), 0)
  ORDER BY p.lexeme, p.practice_id
  ON CONFLICT (lexeme, practice_id) DO UPDATE SET g = EXCLUDED.g, published_at = EXCLUDED.published_at`;
}

export async function refreshChampions(client: pg.PoolClient, t: Tables, ids: string[]) {
  if (ids.length) await client.query(refreshChampionsSql(t), [ids]);
}
