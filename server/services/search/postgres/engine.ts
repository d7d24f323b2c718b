import pg from 'pg';
import type { Logger } from '../../../lib/logger.ts';
import { renderHighlight, hasMark } from '../highlight.ts';
import { foldedSynonymMap } from '../synonyms.ts';
import { emptyFacets, type Facet, type SearchDocument, type SearchEngine, type SearchHit, type SearchQuery, type SearchResult } from '../types.ts';
import { analyzeQuery, loadSynonymVocabulary, type SynonymVocabulary } from './query.ts';
import { boundedBrowseSql, boundedQuerySql, browseAllSql, browseSql, filterSql, hitsSql, querySql } from './search.ts';
import { clearBroadSql, dropBroadSql, filterGroups, keyText, readBroadSql, storeBroad, type BroadKey } from './broad.ts';
import { buildChampionsSql } from './champions.ts';
import { LIVE, NEXT, PRIMARY_KEYS, q, SECONDARY_INDEXES, type Tables } from './tables.ts';
import { bumpGenerationSql, inTransaction, removeDocuments, writeDocuments } from './write.ts';

type HitRow = {
  id: string; title: string; summary: string; city_id: string; city_name: string; country: string | null;
  priorities: string[]; language: string; published_at: string | null;
  hl_title?: string; hl_summary?: string; hl_body?: string;
};

/** The value when the filters are exactly one value of one facet (its total is kept exact). */
function singleFilterValue(filters: SearchQuery['filters']): string | null {
  const set = Object.entries(filters).filter(([, v]) => v?.length);
  return set.length === 1 && set[0][1]!.length === 1 ? `${set[0][0]}:${set[0][1]![0]}` : null;
}

/**
 * Session settings of search connections (measured: docs/search.md, "Design"): no JIT; index access priced
 * as on SSD; never a sequential scan when the GIN index can answer (a scan would read every row's
 * full vector out of TOAST); memory enough to keep a large match set out of temporary files.
 */
const SEARCH_SESSION = '-c jit=off -c random_page_cost=1.1 -c enable_seqscan=off -c work_mem=64MB';

const TABLE_KEYS = ['docs', 'lexicon', 'facets', 'champions'] as const;

/**
 * Matches counted, faceted and ranked exactly up to this many; above it totals and facets are estimated
 * from a sample of this size and the page is ranked over champion lists (docs/search.md, "Broad queries").
 */
export const EXACT_UP_TO = 1_000;
/** Pages deeper than this are always ranked exactly (the candidate set is sized for the first pages). */
const BOUNDED_RANKING_DEPTH = 100;

/** pg_advisory_lock key: "one rebuild at a time". */
const REBUILD_LOCK = 0x5ea_4c4;

/**
 * The built-in engine: practice_search_documents + search_lexicon in the application's database.
 * See docs/search.md for the design and docs/benchmarks.md for what it costs.
 */
export function createPostgresSearchEngine({ databaseUrl, logger, poolSize = 5, cacheSize = 256, exactUpTo = EXACT_UP_TO, precompute = true }: {
  databaseUrl: string;
  logger?: Logger;
  poolSize?: number;
  /** Matches answered exactly (Infinity: always, as the benchmark's reference does). */
  exactUpTo?: number;
  /** Results kept per process, keyed by the index generation (0: no cache, e.g. to benchmark). */
  cacheSize?: number;
  /** Broad queries stored exactly on first ask and kept by every write (postgres/broad.ts); false: always sample. */
  precompute?: boolean;
}): SearchEngine & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, options: SEARCH_SESSION });
  pool.on('error', (err) => logger?.warn({ err }, 'search pool connection error'));
  let closing: Promise<void> | undefined;
  // accent-folded, as query words arrive from PostgreSQL's `charter_simple` (and as the lexicon holds them)
  const synonyms = foldedSynonymMap();
  // the synonym terms' lexemes, for correcting typos of them: loaded on the first query that needs them
  let vocabulary: Promise<SynonymVocabulary> | undefined;
  const synonymVocabulary = () => (vocabulary ??= loadSynonymVocabulary(pool, synonyms).catch((err: unknown) => {
    vocabulary = undefined;
    throw err;
  }));

  const presentHit = (r: HitRow): SearchHit => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    city: { id: r.city_id, name: r.city_name, country: r.country },
    priorities: r.priorities,
    language: r.language,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    highlights: {
      title: renderHighlight(r.hl_title ?? r.title),
      summary: renderHighlight(r.hl_summary ?? r.summary),
      ...(r.hl_body && hasMark(r.hl_body) ? { body: renderHighlight(r.hl_body) } : {}),
    },
  });

  const facetsOf = (rows: [string, number][]) => {
    const facets = emptyFacets();
    for (const [fv, n] of rows) {
      const at = fv.indexOf(':');
      const facet = fv.slice(0, at) as Facet;
      if (facet in facets) facets[facet][fv.slice(at + 1)] = n;
    }
    return facets;
  };

  // Results of recent searches (the landing page's browse above all), valid while the generation they
  // were computed at is current: a hit is exactly what the query would return now.
  const cache = new Map<string, SearchResult>();
  const keyOf = (generation: string, query: SearchQuery) =>
    JSON.stringify([generation, query.q.trim().replace(/\s+/g, ' '), query.page, query.perPage,
      Object.entries(query.filters).filter(([, v]) => v?.length).map(([f, v]) => [f, [...v!].sort()]).sort()]);

  async function cached(query: SearchQuery): Promise<SearchResult> {
    if (cacheSize <= 0) return search(query);
    const { rows } = await pool.query<{ generation: string }>('SELECT generation FROM search_index_state WHERE id = 1');
    const key = keyOf(rows[0]?.generation ?? 'none', query);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key); // most recently used last
      cache.set(key, hit);
      return structuredClone(hit);
    }
    const result = await search(query);
    cache.set(key, result);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
    return structuredClone(result);
  }

  type Row = { total: number; facets: [string, number][]; hits: HitRow[]; estimated?: boolean; ranked?: number; total_estimated?: boolean };
  const run = async (sql: string, params: unknown[]) => (await pool.query<Row>(sql, params)).rows[0];

  /** A stored broad query's exact answer, or null (unknown, or its list too short for the page: dropped). */
  async function readBroad(key: string, any: string | null, limit: number, offset: number): Promise<Row | null> {
    const row = (await pool.query<Row & { len: number }>(readBroadSql(LIVE, hitsSql(q(LIVE.docs), any ? '$4::tsquery' : null)), any ? [key, limit, offset, any] : [key, limit, offset])).rows[0];
    if (!row) return null;
    if (row.len < offset + limit && row.len < row.total) {
      await pool.query(dropBroadSql, [key]);
      return null;
    }
    return { ...row, estimated: false };
  }

  async function search(query: SearchQuery, t: Tables = LIVE): Promise<SearchResult> {
    const limit = query.perPage;
    const offset = (query.page - 1) * query.perPage;
    const plan = query.q.trim() ? await analyzeQuery(pool, t, query.q, synonyms, synonymVocabulary) : null;
    if (query.q.trim() && !plan) return { hits: [], total: 0, facets: emptyFacets(), corrections: [], totalIsEstimate: false, facetsAreEstimates: false };
    const bounded = Number.isFinite(exactUpTo);
    const filtered = Object.values(query.filters).some((v) => v?.length);
    // broad queries and filtered browses of the first pages: a stored exact answer when there is one
    const broadKey: BroadKey | null = precompute && bounded && t === LIVE && (plan || filtered) && offset + limit <= BOUNDED_RANKING_DEPTH
      ? { match: plan?.match ?? null, exact: plan?.exact ?? null, any: plan?.any ?? null, filters: filterGroups(query.filters) } : null;
    const key = broadKey && keyText(broadKey);
    const stored = key ? await readBroad(key, broadKey!.any, limit, offset) : null;
    const finish = (row: Row, estimated = !!row.estimated): SearchResult => ({
      hits: row.hits.map(presentHit),
      total: row.total,
      facets: facetsOf(row.facets),
      totalIsEstimate: estimated ? (row.total_estimated ?? true) : false,
      facetsAreEstimates: estimated,
      ...(plan ? { corrections: plan.corrections } : {}),
    });
    if (stored) return finish(stored);
    let row: Row;
    let broad = false; // above the bound (even when the page was then ranked exactly)
    if (plan) {
      const exact = () => {
        const params: unknown[] = [plan.match, plan.exact, plan.any, limit, offset];
        return run(querySql(t, filterSql(query.filters, params)), params);
      };
      if (bounded && offset + limit <= BOUNDED_RANKING_DEPTH) {
        const params: unknown[] = [plan.match, plan.exact, plan.any, limit, offset, plan.lexemes];
        row = await run(boundedQuerySql(t, filterSql(query.filters, params), exactUpTo), params);
        broad = !!row.estimated;
        // too few candidates qualified for this page: rank every match after all
        if (row.estimated && row.ranked! < offset + limit) row = { ...(await exact()), estimated: false };
      } else row = await exact();
    } else {
      if (!filtered) row = await run(browseAllSql(t), [limit, offset]);
      else {
        const params: unknown[] = bounded ? [limit, offset, singleFilterValue(query.filters)] : [limit, offset];
        const filters = filterSql(query.filters, params);
        row = await run(bounded ? boundedBrowseSql(t, filters, exactUpTo) : browseSql(t, filters), params);
      }
    }
    if ((broad || row.estimated) && key) {
      // above the bound: answer it exactly once and keep it (the writes move it from now on)
      const params: unknown[] = [broadKey!.match, broadKey!.exact, broadKey!.any, key, JSON.stringify(broadKey!.filters)];
      const stored = await storeBroad(pool, LIVE, broadKey!, filterSql(query.filters, params), params)
        .catch((err) => { logger?.warn({ err }, 'storing a broad query failed'); return false; });
      const fresh = stored ? await readBroad(key, broadKey!.any, limit, offset) : null;
      if (fresh) return finish(fresh);
    }
    return finish(row);
  }

  async function swap() {
    await inTransaction(pool, async (c) => {
      await c.query(`SET LOCAL lock_timeout = '10s'`);
      // writers and stored broad queries go first on the generation row (as in every index write)
      await c.query(bumpGenerationSql);
      await c.query(`LOCK TABLE ${TABLE_KEYS.map((k) => q(LIVE[k])).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await c.query(clearBroadSql);
      for (const key of TABLE_KEYS) {
        await c.query(`DROP TABLE ${q(LIVE[key])}`);
        await c.query(`ALTER TABLE ${q(NEXT[key])} RENAME TO ${q(LIVE[key])}`);
        await c.query(`ALTER TABLE ${q(LIVE[key])} RENAME CONSTRAINT ${q(`${NEXT[key]}_pkey`)} TO ${q(`${LIVE[key]}_pkey`)}`);
      }
      for (const ix of SECONDARY_INDEXES) {
        await c.query(`ALTER INDEX ${q(`${NEXT[ix.table]}_${ix.suffix}`)} RENAME TO ${q(`${LIVE[ix.table]}_${ix.suffix}`)}`);
      }
    });
  }

  return {
    name: 'postgres',
    pool,

    async ping() {
      await pool.query(`SELECT 1 FROM ${q(LIVE.docs)} LIMIT 1`);
    },

    /** The migration creates the tables: nothing to set up. */
    async setup() {},

    async upsert(docs: SearchDocument[]) {
      await inTransaction(pool, async (c) => {
        await c.query(bumpGenerationSql); // first: orders writers (postgres/broad.ts)
        await writeDocuments(c, LIVE, docs);
      });
    },

    async remove(ids: string[]) {
      await inTransaction(pool, async (c) => {
        await c.query(bumpGenerationSql); // first: orders writers (postgres/broad.ts)
        await removeDocuments(c, LIVE, ids);
      });
    },

    search: cached,

    async indexedVersions() {
      const { rows } = await pool.query<{ practice_id: string; version: number }>(`SELECT practice_id, version FROM ${q(LIVE.docs)}`);
      return new Map(rows.map((r) => [r.practice_id, r.version]));
    },

    async rebuild(batches, total, onProgress) {
      const lock = await pool.connect();
      const { rows } = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [REBUILD_LOCK]).catch((err) => {
        lock.release();
        throw err;
      });
      if (!rows[0].ok) {
        lock.release();
        throw new Error('Another search rebuild is running');
      }
      try {
        for (const key of TABLE_KEYS) {
          await lock.query(`DROP TABLE IF EXISTS ${q(NEXT[key])}`);
          // columns, defaults, storage (head_tsv stays in the row) and the primary key (upserts need
          // it); the other indexes after the load
          await lock.query(`CREATE TABLE ${q(NEXT[key])} (LIKE ${q(LIVE[key])} INCLUDING DEFAULTS INCLUDING STORAGE)`);
          await lock.query(`ALTER TABLE ${q(NEXT[key])} ADD CONSTRAINT ${q(`${NEXT[key]}_pkey`)} PRIMARY KEY (${PRIMARY_KEYS[key]})`);
        }
        let done = 0;
        onProgress?.(0, total);
        for await (const docs of batches) {
          await inTransaction(pool, (c) => writeDocuments(c, NEXT, docs));
          done += docs.length;
          onProgress?.(done, Math.max(total, done));
        }
        await lock.query(buildChampionsSql(NEXT));
        for (const ix of SECONDARY_INDEXES) {
          await lock.query(`CREATE INDEX ${q(`${NEXT[ix.table]}_${ix.suffix}`)} ON ${q(NEXT[ix.table])} ${ix.using}`);
        }
        // statistics for the planner and a visibility map for index-only counting
        await lock.query(`VACUUM (ANALYZE) ${TABLE_KEYS.map((k) => q(NEXT[k])).join(', ')}`);
        await swap();
        logger?.info({ documents: done }, 'search index rebuilt and swapped in');
      } catch (err) {
        for (const key of TABLE_KEYS) await lock.query(`DROP TABLE IF EXISTS ${q(NEXT[key])}`).catch(() => {});
        throw err;
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [REBUILD_LOCK]).catch(() => {});
        lock.release();
      }
    },

    /** Idempotent: owners may stop twice (a test's finally and its afterAll). */
    async close() {
      closing ??= pool.end();
      await closing;
    },
  };
}
