import type pg from 'pg';
import { SEARCH_FILTERS, type SearchFilters } from '../types.ts';
import { RANK_WEIGHTS } from './champions.ts';
import { q, type Tables } from './tables.ts';

/**
 * Precomputed broad queries (docs/search.md, "Precomputed broad queries"). A query (or filtered browse)
 * above the exact bound is answered once exactly — total, facet counts and its first TOP matches in the
 * engine's order — and kept in search_broad_keys / _facets / _top. Every document write moves them
 * (the document's old version taken out before the write, its new one put in after it), so later asks
 * read a few rows and get exact totals and facets. Only the live index has them: a rebuild's swap
 * empties them (the documents changed under them).
 */
export const TOP = 200;
/** At most this many keys: each write tests the document against every key. */
export const MAX_KEYS = 500;

const KEYS = 'search_broad_keys';
const FACETS = 'search_broad_facets';
const TOPS = 'search_broad_top';

export type BroadKey = { match: string | null; exact: string | null; any: string | null; filters: string[][] };

/** Filters as groups of "facet:value" (AND of ORs), in a canonical order. */
export function filterGroups(filters: SearchFilters): string[][] {
  return SEARCH_FILTERS.filter((f) => filters[f]?.length).map((f) => [...new Set(filters[f]!)].sort().map((v) => `${f}:${v}`));
}

export const keyText = (k: BroadKey) => JSON.stringify([k.match, k.exact, k.any, k.filters]);

/** The engine's score of `d` for key `k` (querySql's, from the key's stored tsqueries); 0 for a browse. */
const keyScore = `CASE WHEN k.match IS NULL THEN 0 ELSE
  (CASE WHEN d.head_tsv @@ k.exact::tsquery THEN 2 ELSE 0 END) + (CASE WHEN d.head_tsv @@ k.match::tsquery THEN 1 ELSE 0 END)
  + ts_rank(${RANK_WEIGHTS}, d.head_tsv, k.any_query::tsquery) END`;

/** Does document `d` match key `k` (its words, if any, and every filter group)? */
const keyMatches = `(k.match IS NULL OR d.full_tsv @@ k.match::tsquery)
  AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(k.filters) g WHERE NOT (d.facets && ARRAY(SELECT jsonb_array_elements_text(g))))`;

/** Documents `$1` as they are now, against every key. */
const hitsOf = (t: Tables) => `
  hit AS MATERIALIZED (
    SELECT k.id, k.total, d.practice_id, d.facets, d.published_at, ${keyScore} AS score
    FROM ${q(t.docs)} d CROSS JOIN ${KEYS} k WHERE d.practice_id = ANY($1::text[]) AND ${keyMatches}
  )`;

/** Before documents are written or removed: their current versions leave every key they match. */
const unapplySql = (t: Tables) => `
  WITH ${hitsOf(t)},
  totals AS (UPDATE ${KEYS} k SET total = k.total - x.n FROM (SELECT id, count(*)::int AS n FROM hit GROUP BY id) x WHERE k.id = x.id RETURNING 1),
  counts AS (
    UPDATE ${FACETS} f SET n = f.n - x.n FROM (SELECT id, v, count(*)::int AS n FROM hit, unnest(facets) AS v GROUP BY id, v) x
    WHERE f.key_id = x.id AND f.value = x.v RETURNING 1
  ),
  tops AS (DELETE FROM ${TOPS} WHERE practice_id = ANY($1::text[]) RETURNING 1)
  SELECT (SELECT count(*) FROM totals) + (SELECT count(*) FROM counts) + (SELECT count(*) FROM tops) AS moved`;

/**
 * After documents were written: their new versions join every key they match. A list stays the exact
 * first matches: a document enters it when it orders before the list's last entry, or when the list
 * holds every match (its length equals the total before this write).
 */
const applySql = (t: Tables) => `
  WITH ${hitsOf(t)},
  totals AS (UPDATE ${KEYS} k SET total = k.total + x.n FROM (SELECT id, count(*)::int AS n FROM hit GROUP BY id) x WHERE k.id = x.id RETURNING 1),
  counts AS (
    INSERT INTO ${FACETS} AS f (key_id, value, n)
    SELECT id, v, count(*)::int FROM hit, unnest(facets) AS v GROUP BY id, v
    ON CONFLICT (key_id, value) DO UPDATE SET n = f.n + EXCLUDED.n RETURNING 1
  ),
  tops AS (
    INSERT INTO ${TOPS} (key_id, practice_id, score, published_at)
    SELECT h.id, h.practice_id, h.score, h.published_at FROM hit h
    LEFT JOIN LATERAL (SELECT count(*) AS len FROM ${TOPS} x WHERE x.key_id = h.id) c ON true
    LEFT JOIN LATERAL (
      SELECT x.score, x.published_at, x.practice_id FROM ${TOPS} x WHERE x.key_id = h.id
      ORDER BY x.score ASC, x.published_at ASC NULLS FIRST, x.practice_id DESC LIMIT 1
    ) last ON true
    WHERE c.len >= h.total
      OR h.score > last.score
      OR (h.score = last.score AND coalesce(h.published_at, '-infinity') > coalesce(last.published_at, '-infinity'))
      OR (h.score = last.score AND h.published_at IS NOT DISTINCT FROM last.published_at AND h.practice_id < last.practice_id)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM totals) + (SELECT count(*) FROM counts) + (SELECT count(*) FROM tops) AS moved`;

/** Only the live index has precomputed keys (a rebuild's `_next` tables do not). */
const live = (t: Tables) => t.docs === 'practice_search_documents';

export async function unapplyBroad(client: pg.PoolClient, t: Tables, ids: string[]) {
  if (ids.length && live(t)) await client.query(unapplySql(t), [ids]);
}
export async function applyBroad(client: pg.PoolClient, t: Tables, ids: string[]) {
  if (ids.length && live(t)) await client.query(applySql(t), [ids]);
}

/** A rebuild's swap: the documents were replaced, the keys are computed again on their next ask. */
export const clearBroadSql = `TRUNCATE ${KEYS}, ${FACETS}, ${TOPS}`;

/**
 * Computes a key exactly and stores it. The generation row is locked first, in a REPEATABLE READ
 * transaction: every index write bumps it as its first statement, so either no write is in flight and
 * none can start until this commits, or one is and this fails (serialization) and stores nothing.
 * `filters` is filterSql's condition over `params` ($1 match, $2 exact, $3 any, $4 key, $5 groups, then
 * filterSql's values).
 */
export async function storeBroad(pool: pg.Pool, t: Tables, key: BroadKey, filters: string, params: unknown[]): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await client.query('SELECT generation FROM search_index_state WHERE id = 1 FOR UPDATE');
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${KEYS}`);
    if (Number(rows[0].n) >= MAX_KEYS) await client.query(`DELETE FROM ${KEYS} WHERE id = (SELECT min(id) FROM ${KEYS})`);
    const words = key.match !== null;
    const score = words ? `(CASE WHEN d.head_tsv @@ $2::text::tsquery THEN 2 ELSE 0 END) + (CASE WHEN d.head_tsv @@ $1::text::tsquery THEN 1 ELSE 0 END)
        + ts_rank(${RANK_WEIGHTS}, d.head_tsv, $3::text::tsquery)` : '0';
    await client.query(`
      WITH m AS MATERIALIZED (
        SELECT d.practice_id, d.published_at, d.facets, (${score})::float8 AS score FROM ${q(t.docs)} d
        WHERE ${words ? 'd.full_tsv @@ $1::text::tsquery' : '$1::text IS NULL'} AND ${filters}
      ),
      k AS (
        INSERT INTO ${KEYS} (key, match, exact, any_query, filters, total)
        VALUES ($4::text, $1::text, $2::text, $3::text, $5::jsonb, (SELECT count(*) FROM m)) ON CONFLICT (key) DO NOTHING RETURNING id
      ),
      f AS (INSERT INTO ${FACETS} (key_id, value, n) SELECT (SELECT id FROM k), v, count(*) FROM m, unnest(m.facets) AS v
        WHERE EXISTS (SELECT 1 FROM k) GROUP BY v RETURNING 1)
      INSERT INTO ${TOPS} (key_id, practice_id, score, published_at)
      SELECT (SELECT id FROM k), practice_id, score, published_at FROM (
        SELECT * FROM m WHERE EXISTS (SELECT 1 FROM k) ORDER BY score DESC, published_at DESC NULLS LAST, practice_id LIMIT ${TOP}) x
      WHERE (SELECT count(*) FROM f) >= 0`, params);
    await client.query('COMMIT');
    return true;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if ((err as { code?: string }).code === '40001') return false; // a write got in first: next ask
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Reads a stored key: the exact total, facets and page, or null when it is unknown or its list is too
 * short for the page (removals shortened it: it is dropped, to be computed again).
 * Params: $1 key, $2 limit, $3 offset, $4 any tsquery (highlights) or null.
 */
export function readBroadSql(t: Tables, hitsSql: string) {
  return `
  WITH k AS MATERIALIZED (SELECT id, total, (SELECT count(*) FROM ${TOPS} x WHERE x.key_id = ${KEYS}.id)::int AS len FROM ${KEYS} WHERE key = $1),
  top AS MATERIALIZED (
    SELECT x.practice_id, x.score, x.published_at FROM ${TOPS} x WHERE x.key_id = (SELECT id FROM k)
    ORDER BY x.score DESC, x.published_at DESC NULLS LAST, x.practice_id LIMIT $2 OFFSET $3
  )
  SELECT k.total, k.len, (SELECT coalesce(json_agg(json_build_array(value, n)), '[]'::json) FROM ${FACETS} WHERE key_id = k.id AND n > 0) AS facets,
    (${hitsSql}) AS hits
  FROM k`;
}

export const dropBroadSql = `DELETE FROM ${KEYS} WHERE key = $1`;
