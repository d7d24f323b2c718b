import { z } from 'zod';
import { UI_LANGUAGES } from './common.ts';

/** GET /api/search?q=: the header's one search box — cities and practices together. */
export const searchAllQuery = z.object({
  q: z.string().trim().min(1, 'Type something to search for').max(200, 'At most 200 characters'),
  lang: z.enum(UI_LANGUAGES).optional().default('en'),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

const searchCity = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  countryName: z.string().nullable().meta({ description: 'In the requested language' }),
});

export const searchAllResponse = z.object({
  cities: z.array(searchCity),
  practices: z.array(z.object({
    id: z.string(),
    title: z.string(),
    highlight: z.string().meta({ description: 'HTML: the title escaped, matches in <mark>' }),
    city: z.object({ id: z.string(), name: z.string(), country: z.string().nullable() }),
  })),
  practicesTotal: z.number().int(),
  practicesTotalIsEstimate: z.boolean(),
}).meta({ id: 'SearchAllResult' });

export type SearchAllResult = z.output<typeof searchAllResponse>;

/**
 * GET /api/search/cities?q=: the cities of the one search box alone, the same ones in the same order
 * (the practices results page lists them beside the practices, so Enter keeps what the box suggested).
 */
export const searchCitiesQuery = searchAllQuery;
export const searchCitiesResponse = z.object({ cities: z.array(searchCity) }).meta({ id: 'SearchCitiesResult' });
export type SearchCitiesResult = z.output<typeof searchCitiesResponse>;
