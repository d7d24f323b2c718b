/** The facets of practice search: each is a filter and a count in every response. */
export const FACETS = ['principle', 'priority', 'country', 'region', 'route', 'language', 'targetGroup'] as const;
export type Facet = (typeof FACETS)[number];

/** What a search may be filtered by: the facets, and the network of the practice's city (a filter only, not counted). */
export const SEARCH_FILTERS = [...FACETS, 'network'] as const;
export type SearchFilterName = (typeof SEARCH_FILTERS)[number];
