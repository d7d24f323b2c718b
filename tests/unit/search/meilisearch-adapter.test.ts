import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMeilisearchEngine, MEILI_SETTINGS } from '../../../server/services/search/meilisearch/engine.ts';
import type { SearchDocument } from '../../../server/services/search/types.ts';

/**
 * What the Meilisearch adapter asks of Meilisearch and how it reads the answers, checked against a
 * recording HTTP stub (no Meilisearch runs on this machine). Whether Meilisearch then behaves as the
 * platform needs is the contract suite's job (tests/integration/search/meilisearch.test.ts, with MEILI_URL).
 */
type Call = { method: string; path: string; body: any };
let server: Server;
let url: string;
let calls: Call[];
let failTasks: boolean;
let indexExists: boolean;
let taskUid = 0;
/** Matches of a phrase query in the stub's "index" (anything else: none). */
const phraseHits: Record<string, number> = { '"shelters"': 3 };

const searchAnswer = {
  hits: [{
    id: 'p1', title: '<b>Bold</b> kitchen', summary: 'Cooking together', cityId: 'c1', cityName: 'Palermo', country: 'IT',
    priorities: ['dignity.1'], language: 'en', publishedAt: Date.UTC(2024, 0, 2),
    _formatted: { title: '<b>Bold</b> \uE000kitchen\uE001', summary: 'Cooking together', body: '…the \uE000kitchen\uE001 opens…' },
  }],
  query: 'kitchen', processingTimeMs: 1, limit: 10, offset: 10, estimatedTotalHits: 21,
  facetDistribution: { priorities: { 'dignity.1': 21 }, targetGroups: { families: 4 }, country: { IT: 21 } },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const path = req.url ?? '';
      calls.push({ method: req.method ?? '', path, body: raw ? JSON.parse(raw) : undefined });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const task = (type: string) => json(202, { taskUid: ++taskUid, indexUid: 'charter_practices', status: 'enqueued', type, enqueuedAt: new Date().toISOString() });
      if (req.method === 'GET' && /^\/indexes\/[^/]+$/.test(path)) {
        return indexExists
          ? json(200, { uid: 'charter_practices', primaryKey: 'id', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() })
          : json(404, { message: 'Index not found.', code: 'index_not_found', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#index_not_found' });
      }
      if (req.method === 'POST' && path === '/indexes') return task('indexCreation');
      if (req.method === 'PATCH' && path.endsWith('/settings')) return task('settingsUpdate');
      if (req.method === 'POST' && path.includes('/documents/delete-batch')) return task('documentDeletion');
      if (req.method === 'POST' && path.includes('/documents')) return task('documentAdditionOrUpdate');
      if (req.method === 'POST' && path.endsWith('/search')) return json(200, searchAnswer);
      if (req.method === 'POST' && path === '/multi-search') {
        const body = JSON.parse(raw) as { queries: { indexUid: string; q: string }[] };
        return json(200, { results: body.queries.map((query) => ({
          indexUid: query.indexUid, hits: [], query: query.q, processingTimeMs: 0, limit: 0, offset: 0, estimatedTotalHits: phraseHits[query.q] ?? 0,
        })) });
      }
      const t = /^\/tasks\/(\d+)/.exec(path);
      if (req.method === 'GET' && t) {
        return json(200, {
          uid: Number(t[1]), indexUid: 'charter_practices', type: 'documentAdditionOrUpdate', canceledBy: null, details: {},
          status: failTasks ? 'failed' : 'succeeded', error: failTasks ? { message: 'disk full', code: 'internal', type: 'internal', link: '' } : null,
          duration: 'PT0.001S', enqueuedAt: new Date().toISOString(), startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(),
        });
      }
      json(404, { message: `unexpected ${req.method} ${path}`, code: 'not_found', type: 'invalid_request', link: '' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  calls = [];
  failTasks = false;
  indexExists = false;
});

const doc: SearchDocument = {
  id: 'p1', version: 3, title: 'Kitchen', summary: 'Cooking together', bodyText: 'The kitchen opens.', language: 'en',
  city: { id: 'c1', name: 'Palermo', country: 'IT' }, countryNames: ['Italy', 'Italie', 'Italia'], region: 'Europe',
  priorities: ['dignity.1'], principles: ['dignity'], routes: ['central-mediterranean'], routeNames: ['Central Mediterranean'],
  targetGroups: ['families'], networks: ['sanctuary-cities'], labels: { en: ['Families'], fr: ['Familles'], es: ['Familias'] }, publishedAt: '2024-01-02T00:00:00.000Z',
};

describe('Meilisearch adapter', () => {
  it('creates the index with its settings once, before the first search, and asks for what the API promises', async () => {
    const engine = createMeilisearchEngine({ url, apiKey: 'key', indexUid: 'charter_practices' });
    const result = await engine.search({ q: 'kitchen', filters: { priority: ['dignity.1', 'dignity.2'], country: ['IT'], network: ['sanctuary-cities'] }, page: 2, perPage: 10 });
    await engine.search({ q: 'again', filters: {}, page: 1, perPage: 10 });

    const creations = calls.filter((c) => c.method === 'POST' && c.path === '/indexes');
    expect(creations).toEqual([{ method: 'POST', path: '/indexes', body: { uid: 'charter_practices', primaryKey: 'id' } }]);
    const settings = calls.filter((c) => c.method === 'PATCH');
    expect(settings).toHaveLength(1);
    expect(settings[0].body).toEqual(JSON.parse(JSON.stringify(MEILI_SETTINGS)));
    expect(settings[0].body.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(settings[0].body.filterableAttributes).toEqual(['principles', 'priorities', 'country', 'region', 'routes', 'language', 'targetGroups', 'networks']);

    const search = calls.find((c) => c.path === '/indexes/charter_practices/search')!;
    expect(search.body).toMatchObject({
      q: 'kitchen',
      filter: ['priorities IN ["dignity.1", "dignity.2"]', 'country IN ["IT"]', 'networks IN ["sanctuary-cities"]'],
      facets: ['principles', 'priorities', 'country', 'region', 'routes', 'language', 'targetGroups'],
      offset: 10, limit: 10, matchingStrategy: 'all',
      highlightPreTag: '\uE000', highlightPostTag: '\uE001', attributesToCrop: ['body'],
    });

    expect(result).toMatchObject({ total: 21, totalIsEstimate: false, facetsAreEstimates: false });
    expect(result.facets).toEqual({
      principle: {}, priority: { 'dignity.1': 21 }, country: { IT: 21 }, region: {}, route: {}, language: {}, targetGroup: { families: 4 },
    });
    expect(result.hits).toEqual([{
      id: 'p1', title: '<b>Bold</b> kitchen', summary: 'Cooking together', city: { id: 'c1', name: 'Palermo', country: 'IT' },
      priorities: ['dignity.1'], language: 'en', publishedAt: '2024-01-02T00:00:00.000Z',
      highlights: { title: '&lt;b&gt;Bold&lt;/b&gt; <mark>kitchen</mark>', summary: 'Cooking together', body: '…the <mark>kitchen</mark> opens…' },
    }]);
  });

  it('sends documents flat, waits for the task, and fails when Meilisearch did not apply it', async () => {
    indexExists = true;
    const engine = createMeilisearchEngine({ url, indexUid: 'charter_practices' });
    await engine.upsert([doc]);
    const add = calls.find((c) => c.method === 'POST' && c.path.startsWith('/indexes/charter_practices/documents'))!;
    expect(add.body).toEqual([{
      id: 'p1', version: 3, title: 'Kitchen', summary: 'Cooking together', body: 'The kitchen opens.', language: 'en',
      cityId: 'c1', cityName: 'Palermo', country: 'IT', countryNames: ['Italy', 'Italie', 'Italia'], region: 'Europe',
      priorities: ['dignity.1'], principles: ['dignity'], routes: ['central-mediterranean'], routeNames: ['Central Mediterranean'],
      targetGroups: ['families'], networks: ['sanctuary-cities'], labels: ['Families', 'Familles', 'Familias'], publishedAt: Date.UTC(2024, 0, 2),
    }]);
    expect(calls.some((c) => c.method === 'GET' && c.path.startsWith('/tasks/'))).toBe(true);
    expect(calls.some((c) => c.method === 'POST' && c.path === '/indexes')).toBe(false);

    failTasks = true;
    await expect(engine.remove(['p1'])).rejects.toThrow(/failed: disk full/);
  });

  it('marks totals and facets as estimates above the exact bound, from estimatedTotalHits', async () => {
    const engine = createMeilisearchEngine({ url, apiKey: 'key', indexUid: 'charter_practices' });
    searchAnswer.estimatedTotalHits = 54_321;
    try {
      const result = await engine.search({ q: 'housing', filters: {}, page: 1, perPage: 10 });
      expect(result).toMatchObject({ total: 54_321, totalIsEstimate: true, facetsAreEstimates: true });
    } finally {
      searchAnswer.estimatedTotalHits = 21;
    }
  });

  it('replaces a word it does not hold that is a typo of a synonym term by that term, and says so', async () => {
    indexExists = true;
    const engine = createMeilisearchEngine({ url, indexUid: 'charter_practices' });
    // "Hosuing": unknown, one swap from "housing"; "shelters": one letter more than the term "shelter", but the index has it
    const result = await engine.search({ q: 'Hosuing shelters', filters: {}, page: 1, perPage: 10 });
    const probe = calls.find((c) => c.path === '/multi-search')!;
    expect(probe.body.queries).toEqual([
      { indexUid: 'charter_practices', q: '"hosuing"', limit: 0 },
      { indexUid: 'charter_practices', q: '"shelters"', limit: 0 },
    ]);
    expect(calls.find((c) => c.path === '/indexes/charter_practices/search')!.body.q).toBe('housing shelters');
    expect(result.corrections).toEqual([{ word: 'hosuing', to: ['housing'] }]);

    // words no synonym term is near: no probe, the query as typed
    calls = [];
    const plain = await engine.search({ q: 'kitchen garden', filters: {}, page: 1, perPage: 10 });
    expect(calls.some((c) => c.path === '/multi-search')).toBe(false);
    expect(calls.find((c) => c.path === '/indexes/charter_practices/search')!.body.q).toBe('kitchen garden');
    expect(plain.corrections).toEqual([]);
  });
});
