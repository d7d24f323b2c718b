import { z } from 'zod';
import { slugSchema } from './migration-routes.ts';

export const networkSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.string(),
  country: z.string().nullable(),
  isFounding: z.boolean(),
  createdAt: z.string(),
  cityCount: z.number().int().optional(),
  managerCount: z.number().int().optional(),
}).meta({ id: 'Network' });

export const isoCountry = z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 code, e.g. "ES"');

export const networkListResponse = z.object({ items: z.array(networkSchema) });
export const createNetworkBody = z.object({
  name: z.string().trim().min(1).max(160),
  slug: slugSchema,
  description: z.string().trim().max(2000).optional(),
  kind: z.enum(['network', 'association']).optional(),
  country: isoCountry.optional(),
});
export const networkParams = z.object({ id: z.string().min(1).max(64) });
export const addManagerBody = z.object({ userId: z.string().min(1).max(64) });
export const addCityBody = z.object({ cityId: z.string().min(1).max(64) });

export type Network = z.output<typeof networkSchema>;
