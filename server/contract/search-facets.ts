/** The facets of practice search: each is a filter and a count in every response. */
export const FACETS = ['principle', 'priority', 'country', 'region', 'route', 'language', 'targetGroup'] as const;
export type Facet = (typeof FACETS)[number];
