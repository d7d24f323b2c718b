import { z } from 'zod';

export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and dashes').max(80);

const cityRef = z.object({ id: z.string(), name: z.string(), country: z.string().nullable() }).meta({ id: 'CityRef' });

export const routeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  sourcedFrom: z.string().nullable(),
  stageHints: z.record(z.string(), z.array(z.string())),
}).meta({ id: 'Route' });

export const routeListResponse = z.object({ items: z.array(routeSchema.extend({ cityCount: z.number().int() })) });
export const routeDetailResponse = z.object({
  route: routeSchema,
  stages: z.object({ origin: z.array(cityRef), transit: z.array(cityRef), destination: z.array(cityRef) }),
});
export const routeParams = z.object({ slug: slugSchema });
export const createRouteBody = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).optional(),
});

export type RouteSummary = z.output<typeof routeListResponse>['items'][number];
export type RouteDetail = z.output<typeof routeDetailResponse>;
export type CityRef = z.output<typeof cityRef>;
