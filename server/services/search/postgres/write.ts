import type pg from 'pg';
import type { SearchDocument } from '../types.ts';
import { applyBroad, unapplyBroad } from './broad.ts';
import { refreshChampions } from './champions.ts';
import { q, type Tables } from './tables.ts';

/** Every facet value of a document as "<facet>:<value>", counted with one unnest. */
export function facetValues(d: SearchDocument): string[] {
  return [
    ...d.principles.map((v) => `principle:${v}`),
    ...d.priorities.map((v) => `priority:${v}`),
    ...d.routes.map((v) => `route:${v}`),
    ...d.targetGroups.map((v) => `targetGroup:${v}`),
    ...(d.city.country ? [`country:${d.city.country}`] : []),
    ...(d.region ? [`region:${d.region}`] : []),
    `language:${d.language}`,
    // filter only: counted in search_facet_counts like the others, never reported as a facet
    ...d.networks.map((v) => `network:${v}`),
  ];
}

/** The row a document becomes; tsvectors are computed by PostgreSQL from these texts. */
function toRow(d: SearchDocument) {
  const places = [d.city.name, ...d.countryNames, ...d.routeNames].join(' · ');
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    summary: d.summary,
    body_text: d.bodyText,
    label_text: [...d.labels.en, ...d.labels.fr, ...d.labels.es, places].join(' · '),
    language: d.language,
    city_id: d.city.id,
    city_name: d.city.name,
    country: d.city.country,
    region: d.region,
    priorities: d.priorities,
    principles: d.principles,
    routes: d.routes,
    target_groups: d.targetGroups,
    facets: facetValues(d),
    published_at: d.publishedAt,
    labels_en: d.labels.en.join(' · '),
    labels_fr: d.labels.fr.join(' · '),
    labels_es: d.labels.es.join(' · '),
    places,
  };
}

/** Words of a stored or incoming row, flagged when they come from the head (title, summary, labels). */
const wordsOf = (alias: string, id: string) => `
  SELECT ${alias}.${id} AS id, w, bool_or(h) AS h FROM ${alias}, LATERAL (
    SELECT unnest(search_words(${alias}.title || ' ' || ${alias}.summary || ' ' || ${alias}.label_text)) AS w, true AS h
    UNION ALL SELECT unnest(search_words(${alias}.body_text)), false
  ) x GROUP BY ${alias}.${id}, w`;

/** Lexicon counts move by the words that came minus the words that went, in word order (no deadlocks). */
const applyDelta = (t: Tables) => `
  INSERT INTO ${q(t.lexicon)} AS l (word, doc_count, head_count, deletes)
  SELECT w, dd, dh, search_deletes(w) FROM delta ORDER BY w
  ON CONFLICT (word) DO UPDATE SET doc_count = l.doc_count + EXCLUDED.doc_count, head_count = l.head_count + EXCLUDED.head_count
  RETURNING word, doc_count`;

/**
 * Documents per facet value move by the same statement that writes the documents (a data-modifying CTE
 * runs whether or not it is read), in value order (no deadlocks): browsing without filters reads its
 * total and facet counts from these few hundred rows instead of counting every document.
 */
const applyFacetDelta = (t: Tables) => `
  facets_moved AS (
    INSERT INTO ${q(t.facets)} AS f (value, doc_count)
    SELECT v, n FROM facet_delta ORDER BY v
    ON CONFLICT (value) DO UPDATE SET doc_count = f.doc_count + EXCLUDED.doc_count
    RETURNING 1
  )`;

/**
 * Upserts documents and keeps the lexicon in step, in one statement. A document never replaces a
 * newer version of itself. Used for one practice (the indexing job) and for thousands (a rebuild).
 */
export function upsertSql(t: Tables) {
  const d = q(t.docs);
  return `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
      id text, version int, title text, summary text, body_text text, label_text text, language text,
      city_id text, city_name text, country text, region text, priorities text[], principles text[], routes text[],
      target_groups text[], facets text[], published_at timestamptz, labels_en text, labels_fr text, labels_es text, places text)
  ),
  old AS (
    SELECT o.practice_id, o.version, o.title, o.summary, o.label_text, o.body_text, o.facets
    FROM ${d} o WHERE o.practice_id IN (SELECT id FROM input) ORDER BY o.practice_id FOR UPDATE
  ),
  fresh AS (
    SELECT i.* FROM input i LEFT JOIN old o ON o.practice_id = i.id WHERE o.practice_id IS NULL OR o.version <= i.version
  ),
  replaced AS (SELECT o.* FROM old o JOIN fresh f ON f.id = o.practice_id),
  vec AS (
    SELECT f.*, charter_ts_config(f.language) AS cfg FROM fresh f
  ),
  head AS (
    SELECT v.*,
      setweight(to_tsvector(v.cfg, v.title), 'A')
      || setweight(to_tsvector('public.charter_en', v.labels_en) || to_tsvector('public.charter_fr', v.labels_fr) || to_tsvector('public.charter_es', v.labels_es), 'B')
      || setweight(to_tsvector(v.cfg, v.summary), 'C')
      || setweight(to_tsvector('public.charter_simple', v.places), 'D') AS head_tsv
    FROM vec v
  ),
  written AS (
    INSERT INTO ${d} AS t (practice_id, version, title, summary, body_text, label_text, language, city_id, city_name, country, region,
      priorities, principles, routes, target_groups, facets, published_at, head_tsv, full_tsv, indexed_at)
    SELECT id, version, title, summary, body_text, label_text, language, city_id, city_name, country, region,
      priorities, principles, routes, target_groups, facets, published_at, head_tsv,
      head_tsv || setweight(to_tsvector(cfg, body_text), 'D'), now()
    FROM head
    ON CONFLICT (practice_id) DO UPDATE SET
      version = EXCLUDED.version, title = EXCLUDED.title, summary = EXCLUDED.summary, body_text = EXCLUDED.body_text,
      label_text = EXCLUDED.label_text, language = EXCLUDED.language, city_id = EXCLUDED.city_id, city_name = EXCLUDED.city_name,
      country = EXCLUDED.country, region = EXCLUDED.region, priorities = EXCLUDED.priorities, principles = EXCLUDED.principles,
      routes = EXCLUDED.routes, target_groups = EXCLUDED.target_groups, facets = EXCLUDED.facets, published_at = EXCLUDED.published_at,
      head_tsv = EXCLUDED.head_tsv, full_tsv = EXCLUDED.full_tsv, indexed_at = EXCLUDED.indexed_at
    RETURNING 1
  ),
  facet_delta AS (
    SELECT v, sum(n)::int AS n FROM (
      SELECT unnest(facets) AS v, 1 AS n FROM fresh
      UNION ALL SELECT unnest(facets), -1 FROM replaced
    ) x GROUP BY v HAVING sum(n) <> 0
  ),
  ${applyFacetDelta(t)},
  came AS (${wordsOf('fresh', 'id')}),
  went AS (${wordsOf('replaced', 'practice_id')}),
  delta AS (
    SELECT w, sum(dd)::int AS dd, sum(dh)::int AS dh FROM (
      SELECT w, 1 AS dd, h::int AS dh FROM came
      UNION ALL SELECT w, -1, -(h::int) FROM went
    ) x GROUP BY w HAVING sum(dd) <> 0 OR sum(dh) <> 0
  )
  ${applyDelta(t)}`;
}

/** Deletes documents and takes their words out of the lexicon. */
export function removeSql(t: Tables) {
  return `
  WITH gone AS (
    DELETE FROM ${q(t.docs)} WHERE practice_id = ANY($1::text[]) RETURNING practice_id, title, summary, label_text, body_text, facets
  ),
  facet_delta AS (SELECT v, -count(*)::int AS n FROM (SELECT unnest(facets) AS v FROM gone) x GROUP BY v),
  ${applyFacetDelta(t)},
  went AS (${wordsOf('gone', 'practice_id')}),
  delta AS (SELECT w, -count(*)::int AS dd, -(count(*) FILTER (WHERE h))::int AS dh FROM went GROUP BY w)
  ${applyDelta(t)}`;
}

/**
 * Every committed change of the live index moves the generation: cached results of older ones are dead.
 * Writers run it first: the row lock orders them with each other and with storing a precomputed key.
 */
export const bumpGenerationSql = `UPDATE search_index_state SET generation = generation + 1 WHERE id = 1`;

const pruneSql = (t: Tables) => `DELETE FROM ${q(t.lexicon)} WHERE word = ANY($1::text[]) AND doc_count <= 0`;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** Runs `fn` in a transaction, retrying a few times when PostgreSQL picks it as a deadlock victim. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      if (attempt < 5 && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
      throw err;
    } finally {
      client.release();
    }
  }
}

export async function writeDocuments(client: pg.PoolClient, t: Tables, docs: SearchDocument[]) {
  if (!docs.length) return;
  const ids = docs.map((d) => d.id);
  await unapplyBroad(client, t, ids);
  const { rows } = await client.query<{ word: string; doc_count: number }>(upsertSql(t), [JSON.stringify(docs.map(toRow))]);
  const empty = rows.filter((r) => r.doc_count <= 0).map((r) => r.word);
  if (empty.length) await client.query(pruneSql(t), [empty]);
  await refreshChampions(client, t, ids);
  await applyBroad(client, t, ids);
}

export async function removeDocuments(client: pg.PoolClient, t: Tables, ids: string[]) {
  if (!ids.length) return;
  await unapplyBroad(client, t, ids);
  const { rows } = await client.query<{ word: string; doc_count: number }>(removeSql(t), [ids]);
  const empty = rows.filter((r) => r.doc_count <= 0).map((r) => r.word);
  if (empty.length) await client.query(pruneSql(t), [empty]);
  await refreshChampions(client, t, ids);
}
