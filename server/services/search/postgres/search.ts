import { FACETS, type Facet, type SearchFilters } from '../types.ts';
import { q, type Tables } from './tables.ts';

/** Facet → column; array columns match any of the wanted values. */
const COLUMNS: Record<Facet, { column: string; array: boolean }> = {
  principle: { column: 'principles', array: true },
  priority: { column: 'priorities', array: true },
  route: { column: 'routes', array: true },
  targetGroup: { column: 'target_groups', array: true },
  country: { column: 'country', array: false },
  region: { column: 'region', array: false },
  language: { column: 'language', array: false },
};

/** Filters as SQL: values of one facet are alternatives (OR), facets combine with AND. */
export function filterSql(filters: SearchFilters, params: unknown[]) {
  const parts: string[] = [];
  for (const facet of FACETS) {
    const values = filters[facet];
    if (!values?.length) continue;
    params.push(values);
    const { column, array } = COLUMNS[facet];
    parts.push(array ? `d.${column} && $${params.length}::text[]` : `d.${column} = ANY($${params.length}::text[])`);
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

const facetUnion = (from: string) => FACETS.map((f) => {
  const { column, array } = COLUMNS[f];
  return array
    ? `SELECT '${f}' AS f, unnest(${column}) AS v FROM ${from}`
    : `SELECT '${f}' AS f, ${column} AS v FROM ${from} WHERE ${column} IS NOT NULL`;
}).join('\n      UNION ALL ');

const HL = (extra: string) => `'StartSel=\uE000, StopSel=\uE001, ${extra}'`;

/** The hit columns and highlights of the rows in `top` (practice_id, score), given the `any` tsquery. */
const hitsSql = (docs: string, anyParam: string | null) => `
  SELECT coalesce(json_agg(h ORDER BY h.rank), '[]'::json) FROM (
    SELECT t.rank, d.practice_id AS id, d.title, d.summary, d.city_id, d.city_name, d.country, d.priorities, d.language, d.published_at
      ${anyParam ? `,
      ts_headline(charter_ts_config(d.language), d.title, ${anyParam}, ${HL('HighlightAll=true')}) AS hl_title,
      ts_headline(charter_ts_config(d.language), d.summary, ${anyParam}, ${HL('HighlightAll=true')}) AS hl_summary,
      ts_headline(charter_ts_config(d.language), d.body_text, ${anyParam}, ${HL('MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "')}) AS hl_body` : ''}
    FROM top t JOIN ${docs} d USING (practice_id)
  ) h`;

/**
 * One statement: the matches (materialised once), their count, facet counts over all of them, the
 * ranked page and its highlights. Matching uses the full vector's GIN index; ranking reads only the
 * small head vector (title, labels, summary, places), never the body:
 *   2 × all words as typed in the head, + 1 × all words (corrected) in the head, + ts_rank on the head.
 * Ties: the newest publication first.
 * Params: $1 match, $2 exact, $3 any (tsqueries), $4 limit, $5 offset, then filters.
 */
export function querySql(t: Tables, filters: string) {
  const docs = q(t.docs);
  return `
  WITH m AS MATERIALIZED (
    SELECT d.practice_id, d.head_tsv, d.published_at, d.priorities, d.principles, d.routes, d.target_groups, d.country, d.region, d.language
    FROM ${docs} d WHERE d.full_tsv @@ $1::tsquery AND ${filters}
  ),
  top AS MATERIALIZED (
    SELECT practice_id, row_number() OVER (ORDER BY score DESC, published_at DESC NULLS LAST, practice_id) AS rank FROM (
      SELECT practice_id, published_at,
        (CASE WHEN head_tsv @@ $2::tsquery THEN 2 ELSE 0 END) + (CASE WHEN head_tsv @@ $1::tsquery THEN 1 ELSE 0 END)
          + ts_rank('{0.05, 0.2, 0.4, 1.0}', head_tsv, $3::tsquery) AS score
      FROM m
    ) s ORDER BY score DESC, published_at DESC NULLS LAST, practice_id LIMIT $4 OFFSET $5
  )
  SELECT (SELECT count(*) FROM m)::int AS total,
    (SELECT coalesce(json_agg(json_build_array(f, v, n)), '[]'::json) FROM (
      SELECT f, v, count(*)::int AS n FROM (
      ${facetUnion('m')}
      ) x GROUP BY f, v) y) AS facets,
    (${hitsSql(docs, '$3::tsquery')}) AS hits`;
}

/**
 * Browsing without words: filters only, newest first. Params: $1 limit, $2 offset, then filters.
 */
export function browseSql(t: Tables, filters: string) {
  const docs = q(t.docs);
  return `
  WITH top AS MATERIALIZED (
    SELECT practice_id, row_number() OVER (ORDER BY published_at DESC NULLS LAST, practice_id) AS rank
    FROM ${docs} d WHERE ${filters}
    ORDER BY published_at DESC NULLS LAST, practice_id LIMIT $1 OFFSET $2
  ),
  m AS MATERIALIZED (
    SELECT d.priorities, d.principles, d.routes, d.target_groups, d.country, d.region, d.language FROM ${docs} d WHERE ${filters}
  )
  SELECT (SELECT count(*) FROM m)::int AS total,
    (SELECT coalesce(json_agg(json_build_array(f, v, n)), '[]'::json) FROM (
      SELECT f, v, count(*)::int AS n FROM (
      ${facetUnion('m')}
      ) x GROUP BY f, v) y) AS facets,
    (${hitsSql(docs, null)}) AS hits`;
}
