import { z } from 'zod';
import { cursorSchema, limitSchema } from './pagination.ts';
import { MEMBER_ROLES, ROUTE_ROLES, STANCES, uiLanguageSchema } from './common.ts';

/** An enum whose error names the value that was sent, so a 400 says what was wrong. */
const namedEnum = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: (iss) => `Unknown ${what} ${JSON.stringify(iss.input)}: use ${values.join(', ')}` });

/**
 * Stances and route roles are checked by the service, together with the priority codes and route
 * slugs they come with, so one 400 lists every bad value of a request.
 */
const stanceSchema = z.string().trim().min(1).max(40).meta({ description: STANCES.join(' | ') });
const routeRoleSchema = z.string().trim().min(1).max(40).meta({ description: ROUTE_ROLES.join(' | ') });
export const memberRoleSchema = namedEnum('role', MEMBER_ROLES);
const kindSchema = namedEnum('kind', ['city', 'region', 'authority'] as const);

/** ISO 3166-1 alpha-2; lower case is accepted and upper-cased. Existence is checked against `countries`. */
export const countrySchema = z.string().trim()
  .regex(/^[A-Za-z]{2}$/, { error: (iss) => `Unknown country ${JSON.stringify(iss.input)}: use an ISO 3166-1 alpha-2 code, e.g. "IT"` })
  .transform((s) => s.toUpperCase());
const languageSchema = z.string().trim()
  .regex(/^[a-z]{2}$/, { error: (iss) => `Unknown language ${JSON.stringify(iss.input)}: use an ISO 639-1 code (two lower-case letters), e.g. "fr"` });
const codeSchema = z.string().trim().min(1).max(60);
const langQuery = uiLanguageSchema.optional();

const coordinates = {
  population: z.number().int().min(0).max(100_000_000).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
};
const bothOrNeither = (v: { lat?: number | null; lon?: number | null }, ctx: z.RefinementCtx) => {
  const latGiven = v.lat !== undefined;
  if (latGiven !== (v.lon !== undefined) || (latGiven && (v.lat === null) !== (v.lon === null))) {
    ctx.addIssue({ code: 'custom', path: ['lat'], message: 'Give lat and lon together (or both null)' });
  }
};

const profileFields = {
  name: z.string().trim().min(1).max(160),
  kind: kindSchema,
  country: countrySchema,
  region: z.string().trim().max(160).nullable(),
  ...coordinates,
  languages: z.array(languageSchema).max(20),
  locationNote: z.string().trim().max(1000).nullable(),
};

export const createCityBody = z.object({
  name: profileFields.name,
  country: profileFields.country,
  kind: profileFields.kind.optional(),
  region: profileFields.region.optional(),
  ...coordinates,
  languages: profileFields.languages.min(1),
  locationNote: profileFields.locationNote.optional(),
  networkIds: z.array(z.string().min(1).max(64)).max(20).optional(),
}).superRefine(bothOrNeither);

export const patchCityBody = z.object({
  name: profileFields.name.optional(),
  country: profileFields.country.optional(),
  kind: profileFields.kind.optional(),
  region: profileFields.region.optional(),
  ...coordinates,
  languages: profileFields.languages.min(1).optional(),
  locationNote: profileFields.locationNote.optional(),
}).strict().superRefine(bothOrNeither);

export const putPrioritiesBody = z.object({
  priorities: z.array(z.object({ code: codeSchema, stance: stanceSchema })).max(35),
});
export const putRoutesBody = z.object({
  routes: z.array(z.object({ route: codeSchema, role: routeRoleSchema })).max(60),
});
/** `userId` as in the contract, or (extension) the `email` of an existing account: exactly one of them. */
export const addMemberBody = z.object({
  userId: z.string().min(1).max(64).optional(),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  role: memberRoleSchema,
}).superRefine((v, ctx) => {
  if ((v.userId === undefined) === (v.email === undefined)) ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Give userId or email (one of them)' });
});
export const memberParams = z.object({ id: z.string().min(1).max(64), userId: z.string().min(1).max(64) });

export const cityParams = z.object({ id: z.string().min(1).max(64) });
export const langOnlyQuery = z.object({ lang: langQuery });

export const listCitiesQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  country: countrySchema.optional(),
  network: codeSchema.optional(),
  route: codeSchema.optional(),
  role: routeRoleSchema.optional(),
  priority: codeSchema.optional(),
  stance: stanceSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const matchesQuery = z.object({
  limit: limitSchema,
  route: codeSchema.optional(),
  role: routeRoleSchema.optional(),
  priority: codeSchema.optional(),
  includeTwinned: z.stringbool().default(false),
  lang: langQuery,
});

// ───── responses ─────

export const citySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  population: z.number().int().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  languages: z.array(z.string()),
  isSample: z.boolean().optional().describe('Loaded by `npm run seed:sample`: shown with a "Sample" badge'),
}).meta({ id: 'CitySummary' });

export const cityDetailSchema = citySummarySchema.extend({
  locationNote: z.string().nullable(),
  geonamesId: z.number().int().nullable(),
  priorities: z.array(z.object({ code: z.string(), stance: z.enum(STANCES), label: z.string() })),
  routes: z.array(z.object({ slug: z.string(), name: z.string(), role: z.enum(ROUTE_ROLES) })),
  networks: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
  memberCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'City' });

export const cityListResponse = z.object({ items: z.array(citySummarySchema), nextCursor: z.string().nullable() });

export const memberResponse = z.object({
  cityId: z.string(), userId: z.string(), name: z.string(), role: z.enum(MEMBER_ROLES), since: z.string(),
  email: z.string().optional().describe("Shown to those who manage the city's members"),
}).meta({ id: 'CityMember' });
export const memberListResponse = z.object({ items: z.array(memberResponse) });
export type CityMember = z.output<typeof memberResponse>;

export const reasonSchema = z.object({
  kind: z.enum(['shared_priority', 'complementary_priority', 'route', 'language', 'size', 'distance']),
  detail: z.string(),
  weight: z.number().describe('This reason\'s share of the score; the weights of a match add up to its score'),
  data: z.record(z.string(), z.unknown()).describe('The facts behind the reason, checkable against both cities'),
}).meta({ id: 'MatchReason' });

export const matchesResponse = z.object({
  items: z.array(z.object({
    city: z.object({ id: z.string(), name: z.string(), country: z.string().nullable() }),
    score: z.number().min(0).max(1),
    reasons: z.array(reasonSchema),
  })),
}).meta({ id: 'Matches' });

export type CitySummary = z.output<typeof citySummarySchema>;
export type CityDetail = z.output<typeof cityDetailSchema>;
export type CityPriority = CityDetail['priorities'][number];
export type CityRoute = CityDetail['routes'][number];
export type CityMatch = z.output<typeof matchesResponse>['items'][number];
export type MatchReasonKind = CityMatch['reasons'][number]['kind'];
