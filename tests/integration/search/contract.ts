import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../server/db/client.ts';
import { createReferenceSeeder } from '../../../server/services/reference/seed.ts';
import { createSearchIndexer, type SearchIndexer } from '../../../server/services/search/indexer.ts';
import type { SearchEngine, SearchFilters, SearchResult } from '../../../server/services/search/types.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { createFixtures, FIXTURE_NETWORK, FIXTURES, PUBLISHED, type FixturePractice } from './fixtures.ts';

export type EngineFactory = (ctx: { databaseUrl: string }) => Promise<{ engine: SearchEngine; cleanup?: () => Promise<void> }>;

const COUNTRY = { palermo: 'IT', nantes: 'FR', barcelona: 'ES', tapachula: 'MX', dakar: 'SN' } as const;
const REGION = { IT: 'Europe', FR: 'Europe', ES: 'Europe', MX: 'Americas', SN: 'Africa' } as const;

/** Facet counts worked out from the fixtures, independently of any engine. */
function expectedFacets(docs: FixturePractice[]) {
  const count = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
  return {
    principle: count(docs.flatMap((d) => [...new Set(d.priorities.map((p) => p.split('.')[0]))])),
    priority: count(docs.flatMap((d) => d.priorities)),
    country: count(docs.map((d) => COUNTRY[d.city])),
    region: count(docs.map((d) => REGION[COUNTRY[d.city]])),
    route: count(docs.flatMap((d) => d.routes ?? [])),
    language: count(docs.map((d) => d.language)),
    targetGroup: count(docs.flatMap((d) => d.targetGroups ?? [])),
  };
}

/**
 * What every search engine must do, run against a real engine over a real database: the PostgreSQL
 * engine always, Meilisearch when MEILI_URL is set. Assertions are about which practices come back
 * (and that title matches rank before body-only ones), not about engine-specific scores.
 */
export function searchEngineContract(name: string, factory: EngineFactory) {
  describe(`search engine contract: ${name}`, () => {
    let tdb: TestDatabase;
    let db: Db;
    let engine: SearchEngine;
    let cleanup: (() => Promise<void>) | undefined;
    let indexer: SearchIndexer;
    let ids: Record<string, string>;
    let keyOf: Map<string, string>;

    beforeAll(async () => {
      tdb = await createTestDatabase(`search_${name}`);
      db = createDb(tdb.url, { max: 4 });
      await createReferenceSeeder({ db }).seed();
      ({ ids } = await createFixtures(db));
      keyOf = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
      ({ engine, cleanup } = await factory({ databaseUrl: tdb.url }));
      await engine.setup();
      indexer = createSearchIndexer({ db, engine });
      // every practice goes through the indexing job's code path, drafts included (which it must skip)
      for (const id of Object.values(ids)) await indexer.indexPractice(id);
    });
    afterAll(async () => {
      await engine?.close();
      await cleanup?.();
      await db?.$disconnect();
      await tdb?.drop();
    });

    const search = (q: string, filters: SearchFilters = {}, page = 1, perPage = 20) => engine.search({ q, filters, page, perPage });
    const keys = (r: SearchResult) => r.hits.map((h) => keyOf.get(h.id));
    const found = async (q: string, filters?: SearchFilters) => new Set(keys(await search(q, filters)));

    it('finds a practice by a word of its title and highlights it, HTML-safe', async () => {
      const r = await search('kitchen');
      expect(keys(r)[0]).toBe('kitchen');
      const hit = r.hits[0];
      expect(hit).toMatchObject({ id: ids.kitchen, title: 'Community kitchen for newly arrived families', language: 'en', priorities: ['dignity.1', 'solidarity.3'] });
      expect(hit.city).toMatchObject({ name: 'Palermo', country: 'IT' });
      expect(hit.highlights.title).toBe('Community <mark>kitchen</mark> for newly arrived families');
    });

    it('ranks a title match above a body-only match, and highlights the body fragment of the latter', async () => {
      const r = await search('kitchen');
      expect(keys(r)).toEqual(['kitchen', 'bodyonly']);
      expect(r.total).toBe(2);
      const bodyHit = r.hits[1];
      expect(bodyHit.highlights.title).not.toContain('<mark>');
      expect(bodyHit.highlights.body).toMatch(/<mark>kitchen<\/mark>/i);
    });

    it('never returns drafts, practices in review or archived ones', async () => {
      const all = await search('kitchen');
      for (const hidden of ['draft', 'review', 'archived']) expect(keys(all)).not.toContain(hidden);
      expect((await search('awaiting')).total).toBe(0);
      expect((await search('garden')).total).toBe(0);
      expect((await search('')).total).toBe(PUBLISHED.length);
    });

    it('tolerates one typo in a word of five letters or more (substitution, deletion, insertion, swap)', async () => {
      for (const typo of ['kitchan', 'kitchn', 'kitcchen', 'kicthen', 'vivineda', 'terminla', 'theatre wokshop', 'mineures']) {
        const r = await search(typo);
        expect(r.hits.length, typo).toBeGreaterThan(0);
      }
      expect(keys(await search('kicthen'))[0]).toBe('kitchen');
      expect(keys(await search('vivineda'))[0]).toBe('vivienda');
      expect(keys(await search('terminla'))[0]).toBe('clinic');
      expect(keys(await search('theatre wokshop'))[0]).toBe('html');
      expect(keys(await search('mineures'))[0]).toBe('langue');
    });

    it('corrects a typo of a synonym term to that term, then expands it across languages', async () => {
      // "housing" is in one body only (kitchen, seen once: never offered by the lexicon), "logement" in
      // another (langue), "vivienda" in a title: the synonym group finds all three
      const housing = await found('housing');
      expect(housing).toEqual(new Set(['kitchen', 'langue', 'vivienda']));
      for (const [typo, term] of [['hosuing', 'housing'], ['housng', 'housing'], ['hosing', 'housing'], ['logemnet', 'logement'], ['Logemnet', 'logement']]) {
        const r = await search(typo);
        expect(new Set(keys(r)), typo).toEqual(housing);
        expect(r.corrections, typo).toContainEqual({ word: typo.toLowerCase(), to: expect.arrayContaining([term]) });
      }
      // with the other words of the query, and filters, as usual
      expect(await found('hosuing asilo')).toEqual(new Set(['vivienda']));
      expect(await found('hosuing', { language: ['fr'] })).toEqual(new Set(['langue']));
      // a word the index holds is taken as typed, never read as a typo of a synonym term
      expect((await search('kitchen')).corrections ?? []).toEqual([]);
      expect((await search('housing')).corrections ?? []).toEqual([]);
    });

    it('requires every word: two words find the practice that has both', async () => {
      expect(keys(await search('kitchen families'))).toEqual(['kitchen']);
      expect(await found('familias asilo')).toEqual(new Set(['vivienda']));
    });

    it('folds accents both ways', async () => {
      expect(keys(await search('francais'))).toEqual(['langue']);
      expect(keys(await search('FRANÇAIS'))).toEqual(['langue']);
      expect(keys(await search('terminál'))).toEqual(['clinic']);
    });

    it('finds practices through Charter labels in en, fr and es, whatever language they are written in', async () => {
      // dignity.2: "Alternatives to detention; no criminalisation of migration" / "…détention…" / "…detención…"
      for (const q of ['criminalisation', 'criminalizar', 'détention', 'detención', 'alternativas detención']) {
        const got = await found(q);
        expect(got.has('clinic'), q).toBe(true); // its text never says it: only the label does
        expect(got.has('detention'), q).toBe(true);
        expect(got.has('kitchen'), q).toBe(false);
      }
      // a target-group label (unaccompanied_minors) in English finds the French practice
      expect((await found('unaccompanied minors')).has('langue')).toBe(true);
    });

    it('counts every facet over the whole match set', async () => {
      const all = await search('');
      expect(all.facets).toEqual(expectedFacets(PUBLISHED));
      const families = await search('families');
      // small match sets are counted exactly, and say so
      for (const r of [all, families, await search('', { language: ['en'] })]) expect(r).toMatchObject({ totalIsEstimate: false, facetsAreEstimates: false });
      expect(new Set(keys(families))).toEqual(new Set(['kitchen', 'vivienda']));
      expect(families.facets).toEqual(expectedFacets(PUBLISHED.filter((f) => ['kitchen', 'vivienda'].includes(f.key))));
    });

    it('filters by facets: values of one facet are alternatives, facets combine', async () => {
      expect(await found('', { priority: ['dignity.2'] })).toEqual(new Set(['detention', 'clinic']));
      expect(await found('', { country: ['FR', 'ES'] })).toEqual(new Set(['langue', 'vivienda', 'bodyonly']));
      expect(await found('', { region: ['Americas'] })).toEqual(new Set(['clinic']));
      expect(await found('', { principle: ['dignity'], language: ['en'] })).toEqual(new Set(['kitchen', 'detention', 'clinic']));
      expect(await found('', { route: ['western-mediterranean'] })).toEqual(new Set(['langue', 'vivienda']));
      expect(await found('', { targetGroup: ['families'] })).toEqual(new Set(['kitchen', 'vivienda']));
      expect(await found('families', { language: ['es'] })).toEqual(new Set(['vivienda']));
      const filtered = await search('', { country: ['IT'] });
      expect(filtered.total).toBe(2);
      expect(filtered.facets.country).toEqual({ IT: 2 });
    });

    it("filters by the network of the practice's city (a filter, never a facet)", async () => {
      expect(await found('', { network: [FIXTURE_NETWORK] })).toEqual(new Set(['kitchen', 'detention', 'vivienda']));
      expect(await found('families', { network: [FIXTURE_NETWORK] })).toEqual(new Set(['kitchen', 'vivienda']));
      expect(await found('', { network: [FIXTURE_NETWORK], country: ['ES'] })).toEqual(new Set(['vivienda']));
      expect((await search('', { network: ['no-such-network'] })).total).toBe(0);
      const r = await search('', { network: [FIXTURE_NETWORK] });
      expect(r.total).toBe(3);
      expect(Object.keys(r.facets)).not.toContain('network');
    });

    it('pages through results with a stable total', async () => {
      const first = await search('', {}, 1, 3);
      const second = await search('', {}, 2, 3);
      const third = await search('', {}, 3, 3);
      expect([first.total, second.total, third.total]).toEqual([PUBLISHED.length, PUBLISHED.length, PUBLISHED.length]);
      const seen = [...keys(first), ...keys(second), ...keys(third)];
      expect(seen).toHaveLength(PUBLISHED.length);
      expect(new Set(seen).size).toBe(PUBLISHED.length);
      // without words: newest publication first
      expect(keys(first)).toEqual(['kitchen', 'langue', 'vivienda']);
    });

    it('escapes markup in titles: highlights are text with <mark>, never live HTML', async () => {
      const r = await search('theatre');
      const hit = r.hits.find((h) => h.id === ids.html)!;
      expect(hit.title).toBe(FIXTURES.find((f) => f.key === 'html')!.title);
      expect(hit.highlights.title).toBe('&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; <mark>theatre</mark> workshop');
    });

    it('follows the practice: archived → gone, republished → back, edited → new words (through the indexing job code)', async () => {
      await db.practice.update({ where: { id: ids.clinic }, data: { status: 'archived', version: { increment: 1 } } });
      await indexer.indexPractice(ids.clinic);
      expect((await found('terminal')).has('clinic')).toBe(false);
      await db.practice.update({ where: { id: ids.clinic }, data: { status: 'published', title: 'Free legal clinic at the ferry port', version: { increment: 1 } } });
      await indexer.indexPractice(ids.clinic);
      await indexer.indexPractice(ids.clinic); // a job run twice changes nothing
      expect((await found('ferry')).has('clinic')).toBe(true);
      expect((await found('terminal')).has('clinic')).toBe(false);
      const versions = await engine.indexedVersions();
      expect(versions.get(ids.clinic)).toBe(3);
      expect(versions.has(ids.draft)).toBe(false);
      expect(versions.size).toBe(PUBLISHED.length);
    });

    it('rebuilds into a new index and swaps it in while searches keep being answered', async () => {
      let searching = true;
      const totals: number[] = [];
      const loop = (async () => {
        while (searching) totals.push((await search('')).total);
      })();
      const result = await indexer.rebuild(undefined, 2);
      searching = false;
      await loop;
      expect(result).toMatchObject({ total: PUBLISHED.length, reindexed: 0, removed: 0 });
      expect(totals.length).toBeGreaterThan(0);
      expect(totals.every((t) => t === PUBLISHED.length)).toBe(true);
      expect(keys(await search('kicthen'))[0]).toBe('kitchen');
      expect((await search('')).facets).toEqual((await search('')).facets);
    });

    it('reconciles after a rebuild: changes made while it ran are not lost', async () => {
      // a practice published while a rebuild is running: its job writes to the index about to be swapped out
      const source = (await import('../../../server/services/search/documents.ts')).createSearchDocumentSource({ db });
      async function* batches() {
        yield* source.allPublished(100);
        await db.practice.update({ where: { id: ids.review }, data: { status: 'published', publishedAt: new Date(), version: { increment: 1 } } });
        await indexer.indexPractice(ids.review);
      }
      await engine.rebuild(batches(), PUBLISHED.length + 1);
      expect((await found('cooperative')).has('review')).toBe(false);
      expect(await indexer.reconcile()).toEqual({ reindexed: 1, removed: 0 });
      expect((await found('cooperative')).has('review')).toBe(true);
    });
  });
}
