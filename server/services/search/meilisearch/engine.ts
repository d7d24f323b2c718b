import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Settings } from 'meilisearch';
import type { Logger } from '../../../lib/logger.ts';
import { hasMark, MARK_END, MARK_START, renderHighlight } from '../highlight.ts';
import { foldedSynonymMap, foldWord, mayBeSynonymTypo, synonymMap } from '../synonyms.ts';
import { nearTerms } from '../typos.ts';
import { emptyFacets, FACETS, SEARCH_FILTERS, type SearchDocument, type SearchFilterName, type SearchEngine, type SearchFilters, type SearchQuery, type SearchResult } from '../types.ts';

/** A practice as Meilisearch stores it: flat, dates as epoch milliseconds for ranking. */
type MeiliDoc = {
  id: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  language: string;
  cityId: string;
  cityName: string;
  country: string | null;
  countryNames: string[];
  region: string | null;
  priorities: string[];
  principles: string[];
  routes: string[];
  routeNames: string[];
  targetGroups: string[];
  networks: string[];
  labels: string[];
  publishedAt: number | null;
};

/** API facet or filter → document attribute. */
const FIELD: Record<SearchFilterName, keyof MeiliDoc> = {
  principle: 'principles',
  priority: 'priorities',
  country: 'country',
  region: 'region',
  route: 'routes',
  language: 'language',
  targetGroup: 'targetGroups',
  network: 'networks',
};

/** Up to this many matches, Meilisearch's estimatedTotalHits and facet counts are read as exact. */
export const MEILI_EXACT_UP_TO = 1_000;

/** Index settings, applied to the live index and to every rebuild before documents go in. */
export const MEILI_SETTINGS: Settings = {
  // order = attribute ranking: title first, then the taxonomy labels (the cross-language bridge)
  searchableAttributes: ['title', 'labels', 'summary', 'cityName', 'countryNames', 'routeNames', 'body'],
  filterableAttributes: SEARCH_FILTERS.map((f) => FIELD[f]),
  sortableAttributes: ['publishedAt', 'title'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedAt:desc'],
  // the platform's promise: one typo in a word of 5+ letters, two from 9
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  synonyms: synonymMap(),
  // exhaustive totals for any page the API allows (page × perPage ≤ 10,000)
  pagination: { maxTotalHits: 10_000 },
  faceting: { maxValuesPerFacet: 500 },
};

const toMeili = (d: SearchDocument): MeiliDoc => ({
  id: d.id,
  version: d.version,
  title: d.title,
  summary: d.summary,
  body: d.bodyText,
  language: d.language,
  cityId: d.city.id,
  cityName: d.city.name,
  country: d.city.country,
  countryNames: d.countryNames,
  region: d.region,
  priorities: d.priorities,
  principles: d.principles,
  routes: d.routes,
  routeNames: d.routeNames,
  targetGroups: d.targetGroups,
  networks: d.networks,
  labels: [...d.labels.en, ...d.labels.fr, ...d.labels.es],
  publishedAt: d.publishedAt ? Date.parse(d.publishedAt) : null,
});

/** `priorities IN ["a", "b"] AND country IN ["IT"]`: values of a facet are alternatives. */
export function meiliFilter(filters: SearchFilters): string[] {
  return SEARCH_FILTERS.filter((f) => filters[f]?.length).map((f) => `${FIELD[f]} IN [${filters[f]!.map((v) => JSON.stringify(v)).join(', ')}]`);
}

/** Waits for a task and fails loudly when Meilisearch did not apply it. */
async function done(task: EnqueuedTaskPromise, timeout = 30_000) {
  const result = await task.waitTask({ timeout, interval: 25 });
  if (result.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${result.uid} (${result.type}) ${result.status}: ${result.error?.message ?? 'no detail'}`);
  }
  return result;
}

/** Words of a query as Meilisearch's tokenizer splits Latin text (letters and digits). */
const WORD = /[\p{L}\p{N}]+/gu;

export function createMeilisearchEngine({ url, apiKey, indexUid, logger }: { url: string; apiKey?: string; indexUid: string; logger?: Logger }): SearchEngine {
  const client = new Meilisearch({ host: url, apiKey });
  const index = () => client.index<MeiliDoc>(indexUid);
  const synonyms = foldedSynonymMap();
  const terms = Object.keys(synonyms);

  /**
   * Meilisearch looks synonyms up for the words as typed only (typo tolerance does not reach the
   * synonym list), so a typo of a synonym term ("hosuing") would miss its synonyms. As the built-in
   * engine does, a word the index does not hold that is within the typo budget of a synonym term is
   * replaced by the nearest one, which Meilisearch then expands; the response says so (`corrections`).
   * Costs a request only when some word is that close to a term (docs/search.md, "Typos of synonyms").
   */
  async function correctSynonymTypos(q: string): Promise<{ q: string; corrections: { word: string; to: string[] }[] }> {
    const words = [...new Set((q.match(WORD) ?? []).map(foldWord))].filter((w) => mayBeSynonymTypo(w, synonyms));
    const near = words.map((w) => ({ w, to: nearTerms(w, terms) })).filter((n) => n.to.length > 0);
    if (!near.length) return { q, corrections: [] };
    // a one-word phrase matches that exact word only (no typo, prefix or synonym): is it in the index?
    const { results } = await client.multiSearch({ queries: near.map((n) => ({ indexUid, q: `"${n.w}"`, limit: 0 })) });
    const unknown = near.filter((_, i) => (results[i]?.estimatedTotalHits ?? results[i]?.totalHits ?? 0) === 0);
    if (!unknown.length) return { q, corrections: [] };
    const to = new Map(unknown.map((n) => [n.w, n.to[0]]));
    return {
      q: q.replace(WORD, (token) => to.get(foldWord(token)) ?? token),
      corrections: unknown.map((n) => ({ word: n.w, to: [n.to[0]] })),
    };
  }

  async function createWithSettings(uid: string) {
    const exists = await client.getRawIndex(uid).then(() => true, (err: unknown) => {
      if (err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found') return false;
      throw err;
    });
    if (!exists) await done(client.createIndex(uid, { primaryKey: 'id' }));
    await done(client.index(uid).updateSettings(MEILI_SETTINGS), 120_000);
  }

  // settings are applied once per process, before the first read or write
  let ready: Promise<void> | undefined;
  const ensureReady = () => {
    ready ??= createWithSettings(indexUid).catch((err) => {
      ready = undefined;
      throw err;
    });
    return ready;
  };

  return {
    name: 'meilisearch',

    async ping() {
      await client.health();
    },

    setup: ensureReady,

    async upsert(docs) {
      if (!docs.length) return;
      await ensureReady();
      await done(index().addDocuments(docs.map(toMeili), { primaryKey: 'id' }));
    },

    async remove(ids) {
      if (!ids.length) return;
      await ensureReady();
      await done(index().deleteDocuments(ids));
    },

    async search(query: SearchQuery): Promise<SearchResult> {
      await ensureReady();
      const { q, corrections } = query.q.trim() ? await correctSynonymTypos(query.q) : { q: query.q, corrections: undefined };
      const res = await index().search(q, {
        filter: meiliFilter(query.filters),
        facets: FACETS.map((f) => FIELD[f]),
        // offset/limit, not page/hitsPerPage: Meilisearch then stops counting early and says
        // `estimatedTotalHits` instead of counting every match (docs/search.md, "Broad queries")
        offset: (query.page - 1) * query.perPage,
        limit: query.perPage,
        // every word must match (the default, 'last', drops words until something matches)
        matchingStrategy: 'all',
        attributesToRetrieve: ['id', 'title', 'summary', 'cityId', 'cityName', 'country', 'priorities', 'language', 'publishedAt'],
        attributesToHighlight: ['title', 'summary', 'body'],
        attributesToCrop: ['body'],
        cropLength: 36,
        cropMarker: '…',
        highlightPreTag: MARK_START,
        highlightPostTag: MARK_END,
      });
      const facets = emptyFacets();
      for (const f of FACETS) Object.assign(facets[f], res.facetDistribution?.[FIELD[f]] ?? {});
      const total = res.estimatedTotalHits ?? 0;
      // the same bound as the built-in engine: above it, Meilisearch's own estimate, flagged as one
      const estimated = total > MEILI_EXACT_UP_TO;
      return {
        total,
        totalIsEstimate: estimated,
        facetsAreEstimates: estimated,
        facets,
        ...(corrections ? { corrections } : {}),
        hits: res.hits.map((h) => {
          const formatted = (h._formatted ?? {}) as Partial<Record<'title' | 'summary' | 'body', string>>;
          return {
            id: h.id,
            title: h.title,
            summary: h.summary,
            city: { id: h.cityId, name: h.cityName, country: h.country },
            priorities: h.priorities,
            language: h.language,
            publishedAt: h.publishedAt ? new Date(h.publishedAt).toISOString() : null,
            highlights: {
              title: renderHighlight(formatted.title ?? h.title),
              summary: renderHighlight(formatted.summary ?? h.summary),
              ...(formatted.body && hasMark(formatted.body) ? { body: renderHighlight(formatted.body) } : {}),
            },
          };
        }),
      };
    },

    async indexedVersions() {
      await ensureReady();
      const versions = new Map<string, number>();
      for (let offset = 0; ; offset += 1000) {
        const page = await index().getDocuments<Pick<MeiliDoc, 'id' | 'version'>>({ fields: ['id', 'version'], limit: 1000, offset });
        for (const d of page.results) versions.set(d.id, d.version);
        if (page.results.length < 1000) return versions;
      }
    },

    /** A new index with the same settings, filled, then swapped with the live one in one Meilisearch task. */
    async rebuild(batches, total, onProgress) {
      const next = `${indexUid}_rebuild_${Date.now().toString(36)}`;
      await createWithSettings(next);
      try {
        let count = 0;
        onProgress?.(0, total);
        for await (const docs of batches) {
          await done(client.index(next).addDocuments(docs.map(toMeili), { primaryKey: 'id' }), 300_000);
          count += docs.length;
          onProgress?.(count, Math.max(total, count));
        }
        await ensureReady();
        await done(client.swapIndexes([{ indexes: [indexUid, next], rename: false }]));
        logger?.info({ documents: count, index: indexUid }, 'search index rebuilt and swapped in');
      } finally {
        // after the swap `next` holds the old documents; on failure, the partial build
        await done(client.deleteIndex(next)).catch((err) => logger?.warn({ err, index: next }, 'could not delete the spare index'));
      }
    },

    async close() {},
  };
}
