import { z } from 'zod';
import { uiLanguageSchema } from './common.ts';

export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and dashes').max(80);

const cityRef = z.object({ id: z.string(), name: z.string(), country: z.string().nullable() }).meta({ id: 'CityRef' });

/** A city on a stage, with its coordinates for the route's map. */
const stageCity = cityRef.extend({ lat: z.number().nullable(), lon: z.number().nullable() });

/** Text per interface language; `en` is also in `name`/`description`. */
const localizedText = z.object({ en: z.string().optional(), fr: z.string().optional(), es: z.string().optional() });

export const routeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string().meta({ description: 'In the language of the request (?lang= or Accept-Language), English when there is none' }),
  description: z.string().nullable(),
  sourcedFrom: z.string().nullable(),
  stageHints: z.record(z.string(), z.array(z.string())),
  names: localizedText,
  descriptions: localizedText,
}).meta({ id: 'Route' });

export const routeListResponse = z.object({ items: z.array(routeSchema.extend({ cityCount: z.number().int() })) });
export const routeDetailResponse = z.object({
  route: routeSchema,
  stages: z.object({ origin: z.array(stageCity), transit: z.array(stageCity), destination: z.array(stageCity) }),
});
export const routeParams = z.object({ slug: slugSchema });
export const routeLangQuery = z.object({ lang: uiLanguageSchema.optional() });

/** ISO 3166-1 alpha-2, upper-cased; existence is checked by the service against `countries`. */
const stageCountry = z.string().trim()
  .regex(/^[A-Za-z]{2}$/, { error: (iss) => `Unknown country ${JSON.stringify(iss.input)}: use an ISO 3166-1 alpha-2 code, e.g. "LY"` })
  .transform((s) => s.toUpperCase());
const stageList = z.array(stageCountry).max(60);
/** Typical countries per stage (hints shown on the map, not limits on which cities may join). */
export const routeStagesBody = z.object({ origin: stageList, transit: stageList, destination: stageList });

const name = z.string().trim().min(1).max(120);
const description = z.string().trim().max(2000);
/** "" removes a translation (the English name is then shown). */
const translations = (max: number) => z.object({ fr: z.string().trim().max(max).optional(), es: z.string().trim().max(max).optional() }).strict();

export const createRouteBody = z.object({
  slug: slugSchema,
  name,
  description: description.optional(),
  names: translations(120).optional(),
  descriptions: translations(2000).optional(),
  stages: routeStagesBody.optional(),
  sourcedFrom: z.string().trim().max(200).optional(),
});

export const patchRouteBody = z.object({
  name: name.optional(),
  description: description.nullable().optional(),
  names: translations(120).optional(),
  descriptions: translations(2000).optional(),
  stages: routeStagesBody.optional(),
  sourcedFrom: z.string().trim().max(200).nullable().optional(),
}).strict().refine((v) => Object.keys(v).length > 0, { message: 'Send at least one field to change' });

export type RouteSummary = z.output<typeof routeListResponse>['items'][number];
export type RouteDetail = z.output<typeof routeDetailResponse>;
export type CityRef = z.output<typeof cityRef>;
export type CreateRouteInput = z.output<typeof createRouteBody>;
export type PatchRouteInput = z.output<typeof patchRouteBody>;
export type RouteStages = z.output<typeof routeStagesBody>;
