/**
 * The slow end of search, alone, against an index the main benchmark kept:
 * `BENCH_DB=<url> npx tsx bench/search-broad.ts` (after `npm run bench:search -- --keep`).
 * Times browsing (no words; without and with filters) and the main benchmark's broad queries, uncached.
 */
import { createPostgresSearchEngine } from '../server/services/search/postgres/engine.ts';
import type { SearchFilters } from '../server/services/search/types.ts';

const url = process.env.BENCH_DB;
if (!url) throw new Error('BENCH_DB=<database url> is required');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const engine = createPostgresSearchEngine({ databaseUrl: url, poolSize: 1, cacheSize: 0 });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))];

async function time(label: string, qs: string[], filters: SearchFilters = {}) {
  const times: number[] = [];
  const totals: number[] = [];
  for (const q of qs) await engine.search({ q, filters, page: 1, perPage: 10 });
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of qs) {
      const t0 = performance.now();
      const r = await engine.search({ q, filters, page: 1, perPage: 10 });
      times.push(performance.now() - t0);
      if (round === 0) totals.push(r.total);
    }
  }
  console.log(`${label.padEnd(40)} p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  matches p50 ${pct(totals, 50)}`);
}

const broad = ['housing', 'logement', 'vivienda', 'reception', 'integration', 'refugees', 'community kitchen', 'legal aid', 'language courses',
  'employment', 'families', 'health care', 'accueil', 'familias', 'volunteers', 'shelter', 'social cohesion', 'mentoring', 'education', 'migrants'];
try {
  await time('browse, no filters', ['']);
  await time('browse, language=en', [''], { language: ['en'] });
  await time('browse, region=Europe', [''], { region: ['Europe'] });
  await time('browse, priority=dignity.1', [''], { priority: ['dignity.1'] });
  await time('broad queries (20)', broad);
} finally {
  await engine.close();
}
