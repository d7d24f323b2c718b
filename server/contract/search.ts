import { z } from 'zod';
import { FACETS } from './search-facets.ts';
import { PRIORITY_CODE_PATTERN } from './common.ts';

/** How deep one may page: page × perPage ≤ this. */
export const MAX_SEARCH_WINDOW = 10_000;

/** `?priority=a,b` or `?priority=a&priority=b`: values of one facet are alternatives. */
const list = (item: z.ZodString) => z.union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(item).max(50, 'At most 50 values'))
  .optional();

export const searchQuery = z.object({
  q: z.string().max(200, 'At most 200 characters').optional().default(''),
  principle: list(z.string().regex(/^[a-z][a-z0-9-]*$/, 'A principle slug such as "solidarity"')),
  priority: list(z.string().regex(PRIORITY_CODE_PATTERN, 'A priority code such as "solidarity.3"')),
  country: list(z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as "IT"')),
  region: list(z.string().min(1).max(60)),
  route: list(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A route slug')),
  language: list(z.string().regex(/^[a-z]{2}$/, 'An ISO 639-1 code such as "fr"')),
  targetGroup: list(z.string().regex(/^[a-z_]+$/, 'A target group code such as "families"')),
  network: list(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A network slug, as GET /api/cities?network= takes')),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(100, 'At most 100').default(20),
}).refine((v) => v.page * v.perPage <= MAX_SEARCH_WINDOW, {
  message: `page × perPage may not exceed ${MAX_SEARCH_WINDOW}`, path: ['page'],
});

const counts = z.record(z.string(), z.number().int());
export const searchResponse = z.object({
  hits: z.array(z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    city: z.object({ id: z.string(), name: z.string(), country: z.string().nullable() }),
    priorities: z.array(z.string()),
    language: z.string(),
    publishedAt: z.string().nullable(),
    isSample: z.boolean().optional().describe('Loaded by `npm run seed:sample`: shown with a "Sample" badge'),
    highlights: z.object({
      title: z.string().meta({ description: 'HTML: the text escaped, matches in <mark>' }),
      summary: z.string(),
      body: z.string().optional().meta({ description: 'Fragments of the body around matches, when the body matched' }),
    }),
  })),
  total: z.number().int(),
  totalIsEstimate: z.boolean().meta({ description: 'The total is an estimate: the match set is larger than the engine counts exactly (docs/search.md)' }),
  facetsAreEstimates: z.boolean().meta({ description: 'The facet counts are estimates, for the same reason' }),
  page: z.number().int(),
  perPage: z.number().int(),
  totalPages: z.number().int(),
  facets: z.object(Object.fromEntries(FACETS.map((f) => [f, counts])) as Record<(typeof FACETS)[number], typeof counts>),
  corrections: z.array(z.object({ word: z.string(), to: z.array(z.string()) })).optional(),
  engine: z.enum(['postgres', 'meilisearch']),
}).meta({ id: 'PracticeSearchResult' });

export type PracticeSearchResult = z.output<typeof searchResponse>;
export type PracticeHit = PracticeSearchResult['hits'][number];
export type { Facet as PracticeFacet } from './search-facets.ts';
