import type { Db } from '../../db/client.ts';
import type { SearchEngine } from '../search/types.ts';

/**
 * Search hits say which practices are sample data (npm run seed:sample), so the results show the
 * "Sample" badge too. Engines index no such flag; one indexed look-up per page of hits adds it.
 */
export function withSampleFlags(engine: SearchEngine, db: Db): SearchEngine {
  return Object.assign(Object.create(engine) as SearchEngine, {
    async search(query: Parameters<SearchEngine['search']>[0]) {
      const result = await engine.search(query);
      if (!result.hits.length) return result;
      const sample = new Set((await db.practice.findMany({
        where: { id: { in: result.hits.map((h) => h.id) }, isSample: true }, select: { id: true },
      })).map((p) => p.id));
      if (!sample.size) return result;
      return { ...result, hits: result.hits.map((h) => (sample.has(h.id) ? { ...h, isSample: true } : h)) };
    },
  });
}
