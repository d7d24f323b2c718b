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
/** By id (as before) or by e-mail (what a person managing a network knows); exactly one. */
export const addManagerBody = z.object({
  userId: z.string().min(1).max(64).optional(),
  email: z.string().trim().toLowerCase().email('An e-mail address such as "name@example.org"').max(254).optional(),
}).strict().refine((v) => (v.userId === undefined) !== (v.email === undefined), { message: 'Give either userId or email', path: ['email'] });
export const networkManagerParams = z.object({ id: z.string().min(1).max(64), userId: z.string().min(1).max(64) });
export const networkCityParams = z.object({ id: z.string().min(1).max(64), cityId: z.string().min(1).max(64) });
export const addCityBody = z.object({ cityId: z.string().min(1).max(64) });

const memberCity = z.object({
  id: z.string(), name: z.string(), country: z.string().nullable(), region: z.string().nullable(),
  lat: z.number().nullable(), lon: z.number().nullable(),
}).meta({ id: 'NetworkCity' });

/** A network with its member cities; `managers` only for those who may manage it. */
export const networkDetailResponse = z.object({
  network: networkSchema,
  cities: z.array(memberCity),
  managers: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })).optional(),
  canManage: z.boolean(),
  canAppointManagers: z.boolean(),
});
export const networkIdOrSlugParams = z.object({ id: z.string().min(1).max(80) });
export const addedManagerResponse = z.object({ networkId: z.string(), userId: z.string() });
export const addedCityResponse = z.object({ networkId: z.string(), cityId: z.string() });

export type Network = z.output<typeof networkSchema>;
export type NetworkDetail = z.output<typeof networkDetailResponse>;
