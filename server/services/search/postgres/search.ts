import { SEARCH_FILTERS, type SearchFilters } from '../types.ts';
import { CANDIDATES, CHAMPIONS, PER_LIST, RANK_WEIGHTS } from './champions.ts';
import { q, type Tables } from './tables.ts';

/**
 * Filters as SQL on the `facets` array (GIN-indexed): values of one facet are alternatives (&&, any
 * of them), facets combine with AND.
 */
export function filterSql(filters: SearchFilters, params: unknown[]) {
  const parts: string[] = [];
  for (const facet of SEARCH_FILTERS) {
    const values = filters[facet];
    if (!values?.length) continue;
    params.push(values.map((v) => `${facet}:${v}`));
    parts.push(`d.facets && $${params.length}::text[]`);
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/** Facet counts over `from`, as [["priority:dignity.1", 12], …], each divided by `scale` (an SQL expression). */
const facetCounts = (from: string, scale = '') => `
    (SELECT coalesce(json_agg(json_build_array(v, ${scale ? `round(n / ${scale})::int` : 'n'})), '[]'::json) FROM (
      SELECT v, count(*)::int AS n FROM (SELECT unnest(facets) AS v FROM ${from}) x GROUP BY v) y)`;

/**
 * The sample `s` (at most bound + 1 matches, read in the physical order of a bitmap heap scan) and what
 * it says: `broad` when it hit the bound, `frac` the share of the table it read (its last block over
 * the table's blocks): totals and counts above the bound are the sample's divided by it.
 */
const sampled = (docs: string, sample: string, bound: number) => `
  s AS MATERIALIZED (${sample} LIMIT ${bound + 1}),
  n AS MATERIALIZED (SELECT count(*)::int AS seen, max((tid::text::point)[0])::int AS last_block FROM s),
  b AS MATERIALIZED (SELECT (SELECT seen FROM n) > ${bound} AS broad),
  f AS MATERIALIZED (
    SELECT CASE WHEN (SELECT broad FROM b) THEN least(1.0, ((SELECT last_block FROM n) + 1)::float8
      / greatest(1, pg_relation_size('${docs.replace(/'/g, "''")}') / current_setting('block_size')::int)) ELSE 1.0 END AS frac
  )`;

const scoreSql = `(CASE WHEN d.head_tsv @@ $2::tsquery THEN 2 ELSE 0 END) + (CASE WHEN d.head_tsv @@ $1::tsquery THEN 1 ELSE 0 END)
        + ts_rank(${RANK_WEIGHTS}, d.head_tsv, $3::tsquery)`;

const HL = (extra: string) => `'StartSel=\uE000, StopSel=\uE001, ${extra}'`;

/** The hit columns and highlights of the rows in `top` (practice_id, score), given the `any` tsquery. */
export const hitsSql = (docs: string, anyParam: string | null) => `
  SELECT coalesce(json_agg(h ORDER BY h.score DESC, h.published_at DESC NULLS LAST, h.id), '[]'::json) FROM (
    SELECT t.score, d.practice_id AS id, d.title, d.summary, d.city_id, d.city_name, d.country, d.priorities, d.language, d.published_at
      ${anyParam ? `,
      ts_headline(charter_ts_config(d.language), d.title, ${anyParam}, ${HL('HighlightAll=true')}) AS hl_title,
      ts_headline(charter_ts_config(d.language), d.summary, ${anyParam}, ${HL('HighlightAll=true')}) AS hl_summary,
      ts_headline(charter_ts_config(d.language), d.body_text, ${anyParam}, ${HL('MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "')}) AS hl_body` : ''}
    FROM top t JOIN ${docs} d USING (practice_id)
  ) h`;

/**
 * One statement: the matches (materialised once, each scored as it is read), their count, facet counts
 * over all of them, the ranked page and its highlights. Matching uses the full vector's GIN index;
 * ranking reads only the small head vector (title, labels, summary, places), kept in the heap row:
 *   2 × all words as typed in the head, + 1 × all words (corrected) in the head, + ts_rank on the head.
 * Ties: the newest publication first.
 * Params: $1 match, $2 exact, $3 any (tsqueries), $4 limit, $5 offset, then filters.
 */
export function querySql(t: Tables, filters: string) {
  const docs = q(t.docs);
  return `
  WITH m AS MATERIALIZED (
    SELECT d.practice_id, d.published_at, d.facets, ${scoreSql} AS score
    FROM ${docs} d WHERE d.full_tsv @@ $1::tsquery AND ${filters}
  ),
  top AS MATERIALIZED (
    -- a plain ORDER BY … LIMIT: a bounded heap sort, not a sort of every match
    SELECT practice_id, score, published_at FROM m ORDER BY score DESC, published_at DESC NULLS LAST, practice_id LIMIT $4 OFFSET $5
  )
  SELECT (SELECT count(*) FROM m)::int AS total,
    ${facetCounts('m')} AS facets,
    (${hitsSql(docs, '$3::tsquery')}) AS hits`;
}

/**
 * Browsing without words: filters only, newest first. Params: $1 limit, $2 offset, then filters.
 */
export function browseSql(t: Tables, filters: string) {
  const docs = q(t.docs);
  return `
  WITH top AS MATERIALIZED (
    SELECT practice_id, 0 AS score, published_at FROM ${docs} d WHERE ${filters}
    ORDER BY published_at DESC NULLS LAST, practice_id LIMIT $1 OFFSET $2
  ),
  m AS MATERIALIZED (SELECT d.facets FROM ${docs} d WHERE ${filters})
  SELECT (SELECT count(*) FROM m)::int AS total,
    ${facetCounts('m')} AS facets,
    (${hitsSql(docs, null)}) AS hits`;
}

/**
 * Browsing everything (no words, no filters: the landing page). The total and the facet counts come
 * from `search_facet_counts`, kept exact by every write to the index (each document has exactly one
 * language value, so the language counts sum to the total); the page walks the `published_at` index
 * (non-null dates first, then the undated, as `NULLS LAST` orders them). Params: $1 limit, $2 offset.
 */
export function browseAllSql(t: Tables) {
  const docs = q(t.docs);
  const counts = q(t.facets);
  return `
  WITH top AS MATERIALIZED (
    SELECT practice_id, score, published_at FROM (
      (SELECT practice_id, 0 AS score, published_at FROM ${docs} WHERE published_at IS NOT NULL
        ORDER BY published_at DESC, practice_id LIMIT $1::int + $2::int)
      UNION ALL
      (SELECT practice_id, 0, published_at FROM ${docs} WHERE published_at IS NULL ORDER BY practice_id LIMIT $1::int + $2::int)
    ) x ORDER BY published_at DESC NULLS LAST, practice_id LIMIT $1 OFFSET $2
  )
  SELECT (SELECT coalesce(sum(doc_count), 0) FROM ${counts} WHERE value LIKE 'language:%')::int AS total,
    (SELECT coalesce(json_agg(json_build_array(value, doc_count)), '[]'::json) FROM ${counts} WHERE doc_count > 0) AS facets,
    (${hitsSql(docs, null)}) AS hits`;
}

/**
 * A query with words, exact up to `bound` matches (then it is `querySql`'s answer from the sample);
 * above it (docs/search.md, "Broad queries"): total and facets estimated from the sample, and the page
 * ranked over a bounded candidate set — the CANDIDATES documents with the highest sum of g over the
 * champion lists of the query's lexemes, the first PER_LIST of each list, and the head matches of lexemes
 * without a list — restricted to
 * documents whose head matches (tiers 1 and 3 of the score).
 * `ranked` says how many candidates qualified: fewer than the page needs → the caller asks `querySql`.
 * Params: $1 match, $2 exact, $3 any, $4 limit, $5 offset, $6 the lexemes of `any`, then filters.
 */
export function boundedQuerySql(t: Tables, filters: string, bound: number) {
  const docs = q(t.docs);
  const champions = q(t.champions);
  return `
  WITH ${sampled(t.docs, `SELECT d.practice_id, d.published_at, d.facets, d.ctid AS tid, ${scoreSql} AS score
    FROM ${docs} d WHERE d.full_tsv @@ $1::tsquery AND ${filters}`, bound)},
  unlisted AS MATERIALIZED (
    SELECT string_agg(quote_literal(l), ' | ')::tsquery AS tsq FROM unnest($6::text[]) AS l
    WHERE (SELECT broad FROM b) AND NOT EXISTS (SELECT 1 FROM ${champions} x WHERE x.lexeme = l)
  ),
  cand AS MATERIALIZED (
    SELECT practice_id FROM (
      SELECT c.practice_id, sum(c.g) AS g, max(c.published_at) AS published_at FROM unnest($6::text[]) AS l(lexeme)
        CROSS JOIN LATERAL (SELECT x.practice_id, x.g, x.published_at FROM ${champions} x WHERE x.lexeme = l.lexeme
          ORDER BY x.g DESC, x.published_at DESC NULLS LAST LIMIT ${CHAMPIONS}) c
      WHERE (SELECT broad FROM b)
      GROUP BY c.practice_id ORDER BY 2 DESC, 3 DESC NULLS LAST LIMIT ${CANDIDATES}
    ) best
    UNION
    -- and the head of every list: the best for one lexeme, whose other lexemes a tie may have cut
    SELECT c.practice_id FROM unnest($6::text[]) AS l(lexeme)
      CROSS JOIN LATERAL (SELECT x.practice_id FROM ${champions} x WHERE x.lexeme = l.lexeme
        ORDER BY x.g DESC, x.published_at DESC NULLS LAST LIMIT ${PER_LIST}) c
    WHERE (SELECT broad FROM b)
    UNION
    SELECT d.practice_id FROM ${docs} d WHERE (SELECT broad FROM b) AND d.head_tsv @@ (SELECT tsq FROM unlisted)
  ),
  ranked AS MATERIALIZED (
    SELECT d.practice_id, d.published_at, ${scoreSql} AS score
    FROM ${docs} d WHERE d.practice_id IN (SELECT practice_id FROM cand) AND d.head_tsv @@ $1::tsquery AND ${filters}
  ),
  top AS MATERIALIZED (
    SELECT practice_id, score, published_at FROM (
      SELECT practice_id, score, published_at FROM s WHERE NOT (SELECT broad FROM b)
      UNION ALL SELECT practice_id, score, published_at FROM ranked
    ) x ORDER BY score DESC, published_at DESC NULLS LAST, practice_id LIMIT $4 OFFSET $5
  )
  SELECT (SELECT broad FROM b) AS estimated, (SELECT count(*) FROM ranked)::int AS ranked,
    (SELECT round((SELECT seen FROM n) / (SELECT frac FROM f)))::int AS total,
    ${facetCounts('s', '(SELECT frac FROM f)')} AS facets,
    (${hitsSql(docs, '$3::tsquery')}) AS hits`;
}

/** Newest documents a filtered browse walks before it sorts every match instead. */
const WALK = 1_500;

/**
 * Browsing with filters, exact up to `bound` matches; above it the facets (and the total, unless
 * `exactTotal` — a single filter value — gives it from search_facet_counts) are estimated from the sample.
 * The page walks the `published_at` index. Params: $1 limit, $2 offset, $3 the single filter value or
 * null, then filters.
 */
export function boundedBrowseSql(t: Tables, filters: string, bound: number) {
  const docs = q(t.docs);
  return `
  WITH walk AS MATERIALIZED (
    -- the newest documents along the published_at index, filtered: enough for the page of any filter
    -- that is not rare, without reading every match (the planner would rather sort them all)
    SELECT d.practice_id, 0 AS score, d.published_at FROM (
      SELECT practice_id, published_at, facets FROM ${docs} WHERE published_at IS NOT NULL ORDER BY published_at DESC LIMIT ${WALK}
    ) d WHERE ${filters} ORDER BY d.published_at DESC, d.practice_id LIMIT $1::int + $2::int
  ),
  top AS MATERIALIZED (
    SELECT * FROM (SELECT * FROM walk WHERE (SELECT count(*) FROM walk) >= $1::int + $2::int ORDER BY published_at DESC, practice_id OFFSET $2) w
    UNION ALL
    SELECT * FROM (SELECT practice_id, 0 AS score, published_at FROM ${docs} d WHERE (SELECT count(*) FROM walk) < $1::int + $2::int AND ${filters}
      ORDER BY published_at DESC NULLS LAST, practice_id LIMIT $1 OFFSET $2) a
  ),
  ${sampled(t.docs, `SELECT d.facets, d.ctid AS tid FROM ${docs} d WHERE ${filters}`, bound)}
  SELECT (SELECT broad FROM b) AS estimated,
    CASE WHEN (SELECT broad FROM b) AND $3::text IS NOT NULL
      THEN coalesce((SELECT doc_count FROM ${q(t.facets)} WHERE value = $3::text), 0)
      ELSE (SELECT round((SELECT seen FROM n) / (SELECT frac FROM f)))::int END AS total,
    (SELECT broad FROM b) AND $3::text IS NULL AS total_estimated,
    ${facetCounts('s', '(SELECT frac FROM f)')} AS facets,
    (${hitsSql(docs, null)}) AS hits`;
}
