import type { ApiRegistry } from '../../http/route.ts';
import { SEARCH_FILTERS, type SearchEngine, type SearchFilters } from '../../services/search/types.ts';
import { searchQuery, searchResponse } from '../../contract/search.ts';
import { searchAllQuery, searchAllResponse, searchCitiesQuery, searchCitiesResponse } from '../../contract/search-all.ts';
import type { SearchAllService } from '../../services/search/search-all.ts';

export function registerSearchRoutes(api: ApiRegistry, { search, searchAll }: { search: SearchEngine; searchAll: SearchAllService }) {
  api.route({
    method: 'get', path: '/api/search', tags: ['search'],
    summary: 'The one search box: cities (name, country) and practices together, typo-tolerant',
    query: searchAllQuery,
    responses: { 200: { description: 'A few cities and practices', schema: searchAllResponse } },
    handler: async ({ query }) => ({ body: await searchAll.search(query) }),
  });

  api.route({
    method: 'get', path: '/api/search/cities', tags: ['search'],
    summary: 'The cities of the one search box alone (name, country), typo-tolerant: the same as GET /api/search',
    query: searchCitiesQuery,
    responses: { 200: { description: 'A few cities', schema: searchCitiesResponse } },
    handler: async ({ query }) => ({ body: await searchAll.cities(query) }),
  });

  api.route({
    method: 'get', path: '/api/search/practices', tags: ['search'],
    summary: 'Full-text search of published practices: typo-tolerant, cross-language on Charter labels, with facets and highlights',
    query: searchQuery,
    responses: { 200: { description: 'A page of hits, the total and facet counts', schema: searchResponse } },
    handler: async ({ query }) => {
      const filters: SearchFilters = Object.fromEntries(SEARCH_FILTERS.filter((f) => query[f]?.length).map((f) => [f, query[f]]));
      const result = await search.search({ q: query.q, filters, page: query.page, perPage: query.perPage });
      return {
        body: {
          ...result,
          page: query.page,
          perPage: query.perPage,
          totalPages: Math.ceil(result.total / query.perPage),
          engine: search.name,
        },
      };
    },
  });
}
