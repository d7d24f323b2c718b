import { SEARCH_FILTERS, type SearchFilters } from '../types.ts';
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

/** Facet counts over `from`, as [["priority:dignity.1", 12], …]. */
const facetCounts = (from: string) => `
    (SELECT coalesce(json_agg(json_build_array(v, n)), '[]'::json) FROM (
      SELECT v, count(*)::int AS n FROM (SELECT unnest(facets) AS v FROM ${from}) x GROUP BY v) y)`;

const HL = (extra: string) => `'StartSel=\uE000, StopSel=\uE001, ${extra}'`;

/** The hit columns and highlights of the rows in `top` (practice_id, score), given the `any` tsquery. */
const hitsSql = (docs: string, anyParam: string | null) => `
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
    SELECT d.practice_id, d.published_at, d.facets,
      (CASE WHEN d.head_tsv @@ $2::tsquery THEN 2 ELSE 0 END) + (CASE WHEN d.head_tsv @@ $1::tsquery THEN 1 ELSE 0 END)
        + ts_rank('{0.05, 0.2, 0.4, 1.0}', d.head_tsv, $3::tsquery) AS score
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
