import type { DbOrTx } from '../../db/client.ts';
import type { SearchEngine } from './types.ts';

/**
 * The header's one search box: cities by name or country (accent-insensitive, typo-tolerant through
 * trigram similarity on the indexed normalised name) and practices through the search engine.
 */
export function createSearchAllService({ db, search }: { db: DbOrTx; search: SearchEngine }) {
  async function cities(q: string, lang: string, limit: number) {
    return db.$queryRaw<{ id: string; name: string; country: string | null; countryName: string | null }[]>`
      WITH q AS (SELECT cities_name_norm(${q}) AS n),
      countries_like AS (
        SELECT co.code, max(similarity(cities_name_norm(v.value), (SELECT n FROM q))) AS sim
        FROM countries co, jsonb_each_text(co.names) v
        WHERE cities_name_norm(v.value) % (SELECT n FROM q) OR cities_name_norm(v.value) LIKE (SELECT n FROM q) || '%'
        GROUP BY co.code
      )
      SELECT c.id, c.name, c.country_code AS country, co.names ->> ${lang} AS "countryName"
      FROM cities c
      LEFT JOIN countries co ON co.code = c.country_code
      LEFT JOIN countries_like cl ON cl.code = c.country_code
      WHERE cities_name_norm(c.name) % (SELECT n FROM q)
         OR cities_name_norm(c.name) LIKE '%' || (SELECT n FROM q) || '%'
         OR cl.code IS NOT NULL
      ORDER BY greatest(
          similarity(cities_name_norm(c.name), (SELECT n FROM q)),
          CASE WHEN cities_name_norm(c.name) LIKE (SELECT n FROM q) || '%' THEN 1 ELSE 0 END,
          coalesce(cl.sim, 0) * 0.9) DESC,
        c.population DESC NULLS LAST, c.name
      LIMIT ${limit}`;
  }

  return {
    /** The cities alone (the practices results page): exactly those `search` suggests. */
    async cities({ q, lang, limit }: { q: string; lang: string; limit: number }) {
      return { cities: await cities(q, lang, limit) };
    },

    async search({ q, lang, limit }: { q: string; lang: string; limit: number }) {
      const [cityRows, practices] = await Promise.all([
        cities(q, lang, limit),
        search.search({ q, filters: {}, page: 1, perPage: limit }),
      ]);
      return {
        cities: cityRows,
        practices: practices.hits.map((h) => ({ id: h.id, title: h.title, highlight: h.highlights.title, city: h.city })),
        practicesTotal: practices.total,
        practicesTotalIsEstimate: practices.totalIsEstimate,
      };
    },
  };
}

export type SearchAllService = ReturnType<typeof createSearchAllService>;
