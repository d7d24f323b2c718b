import { z } from 'zod';
import { reasonSchema } from './cities.ts';
import { TWINNING_ACTIONS, TWINNING_STATUSES, VISIT_KINDS } from './common.ts';
import { cursorSchema, limitSchema } from './pagination.ts';

/** Limits of twinnings and their plans; the client shows the same numbers. */
export const TWINNING_LIMITS = {
  themes: 10, message: 2_000, reason: 2_000, outcome: 10_000,
  objectives: 20, objective: 500, indicators: 20, indicator: 300, activities: 50, activityTitle: 200,
  /** A return visit later than this many months after the visit is allowed, with a warning. */
  returnVisitWarnMonths: 12,
} as const;

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Must not contain the NUL character (U+0000)';
const id = z.string().min(1).max(64).refine(noNul, NUL_MESSAGE);
const text = (max: number, required = true) => z.string().refine(noNul, NUL_MESSAGE).transform((s) => s.trim())
  .pipe(required ? z.string().min(1, 'Required').max(max, `At most ${max} characters`) : z.string().max(max, `At most ${max} characters`));
const code = z.string().trim().min(1).max(60).refine(noNul, NUL_MESSAGE);
const uniq = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, `At most ${max} ${what}`).refine((a) => new Set(a as unknown[]).size === a.length, `Each ${what.replace(/s$/, '')} at most once`);
/** A calendar day, `YYYY-MM-DD`, that exists. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a calendar date');
/** Optimistic concurrency from the client: when given, the move is refused (409) unless the twinning is still at this version. */
const version = z.number().int().min(1).optional();

export const twinningParams = z.object({ id });
export const networkParams = z.object({ id });

/**
 * By a focal point of `fromCityId`: `requested`, awaiting `toCityId`. By a manager of a network both
 * cities belong to: `proposed` (brokered), awaiting both; `note` is the manager's reason for the pairing.
 */
export const createTwinningBody = z.object({
  fromCityId: id,
  toCityId: id,
  /** Priority codes (GET /api/taxonomy). */
  themes: uniq(code, TWINNING_LIMITS.themes, 'themes').refine((a) => a.length > 0, 'Name at least one theme'),
  message: text(TWINNING_LIMITS.message, false).default(''),
  /** Brokered proposals: the manager's note to both cities. */
  note: text(TWINNING_LIMITS.message, false).optional(),
  /** Brokered proposals: the network brokering it (default: the one network the manager manages that both cities belong to). */
  networkId: id.optional(),
}).strict();

/** `cityId`: the city the actor answers for (needed only when they are focal point of both). */
export const acceptBody = z.object({ cityId: id.optional(), version }).strict();
export const declineBody = z.object({ reason: text(TWINNING_LIMITS.reason), cityId: id.optional(), version }).strict();
export const withdrawBody = z.object({ reason: text(TWINNING_LIMITS.reason, false).optional(), version }).strict();
export const endBody = z.object({
  reason: text(TWINNING_LIMITS.reason),
  /** What was learned: stays on record. */
  outcome: text(TWINNING_LIMITS.outcome),
  cityId: id.optional(),
  version,
}).strict();

export const listTwinningsQuery = z.object({
  cityId: id.optional(),
  status: z.enum(TWINNING_STATUSES).optional(),
  /** Only twinnings waiting for a consent the actor can give (the focal point's inbox). */
  awaitingMe: z.stringbool().optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

const activityInput = z.object({
  title: text(TWINNING_LIMITS.activityTitle),
  /** The lead city: one of the pair. */
  cityId: id,
  startsOn: day,
  endsOn: day,
}).strict();

const visitInput = z.object({
  kind: z.enum(VISIT_KINDS),
  /** The city visited: one of the pair. */
  hostCityId: id,
  startsOn: day,
  endsOn: day,
}).strict();

/** The whole agreement plan (a PUT replaces it; every PUT is a new revision). */
export const putPlanBody = z.object({
  objectives: z.array(text(TWINNING_LIMITS.objective)).max(TWINNING_LIMITS.objectives, `At most ${TWINNING_LIMITS.objectives} objectives`),
  /** Priority codes; default: the twinning's themes. */
  themes: uniq(code, TWINNING_LIMITS.themes, 'themes').optional(),
  activities: z.array(activityInput).max(TWINNING_LIMITS.activities, `At most ${TWINNING_LIMITS.activities} activities`),
  /** At most one `visit` and one `return_visit`. */
  visits: z.array(visitInput).max(2, 'At most a visit and a return visit')
    .refine((v) => new Set(v.map((x) => x.kind)).size === v.length, 'At most one visit of each kind'),
  indicators: z.array(text(TWINNING_LIMITS.indicator)).max(TWINNING_LIMITS.indicators, `At most ${TWINNING_LIMITS.indicators} indicators`).default([]),
  /** When given, refused (409) unless the latest revision is still this one. */
  baseRevision: z.number().int().min(0).optional(),
}).strict();

// ───── responses ─────

const cityRef = z.object({ id: z.string(), name: z.string(), country: z.string().nullable() });
const userRef = z.object({ id: z.string(), name: z.string() });

export const consentSchema = z.object({
  cityId: z.string(),
  /** null while pending. */
  consentedAt: z.string().nullable(),
  by: userRef.nullable(),
});

export const twinningEventSchema = z.object({
  id: z.string(),
  action: z.enum(TWINNING_ACTIONS),
  actor: userRef,
  /** The city the actor spoke for; null for a manager's proposal or a system step. */
  cityId: z.string().nullable(),
  fromStatus: z.enum(TWINNING_STATUSES).nullable(),
  toStatus: z.enum(TWINNING_STATUSES),
  reason: z.string().nullable(),
  at: z.string(),
}).meta({ id: 'TwinningEvent' });

export const planWarningSchema = z.object({ code: z.string(), path: z.string(), message: z.string() });

export const planActivitySchema = z.object({ title: z.string(), cityId: z.string(), startsOn: z.string(), endsOn: z.string() });
export const planVisitSchema = z.object({ kind: z.enum(VISIT_KINDS), hostCityId: z.string(), startsOn: z.string(), endsOn: z.string() });

export const planSchema = z.object({
  /** 1, 2, 3… per twinning; the latest is shown. */
  revision: z.number().int(),
  revisionCount: z.number().int(),
  objectives: z.array(z.string()),
  themes: z.array(z.string()),
  activities: z.array(planActivitySchema),
  visits: z.array(planVisitSchema),
  indicators: z.array(z.string()),
  updatedAt: z.string(),
  updatedBy: userRef,
  /** Allowed but worth a look, e.g. `return_visit_late` (more than 12 months after the visit). */
  warnings: z.array(planWarningSchema),
}).meta({ id: 'TwinningPlan' });

export const twinningSchema = z.object({
  id: z.string(),
  status: z.enum(TWINNING_STATUSES),
  /** Bumped by every move; send it back as `version` to refuse a move on a stale view. */
  version: z.number().int(),
  fromCity: cityRef,
  toCity: cityRef,
  themes: z.array(z.string()),
  message: z.string(),
  requestedBy: userRef,
  /** Set on a brokered proposal. */
  brokered: z.object({ network: z.object({ id: z.string(), name: z.string() }), manager: userRef, note: z.string().nullable() }).nullable(),
  /** Mutual match score and its reasons when the twinning was created (a snapshot). */
  score: z.number().nullable(),
  reasons: z.array(reasonSchema),
  consents: z.array(consentSchema),
  /** Cities whose consent is pending. */
  awaiting: z.array(z.string()),
  endReason: z.string().nullable(),
  outcome: z.string().nullable(),
  /** The thread between the two cities, once active. */
  threadId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  activatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** What the actor may do now. */
  can: z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean(), end: z.boolean(), editPlan: z.boolean() }),
}).meta({ id: 'Twinning' });

export const twinningDetailSchema = twinningSchema.extend({
  /** The audit trail, oldest first. */
  events: z.array(twinningEventSchema),
  plan: planSchema.nullable(),
}).meta({ id: 'TwinningDetail' });

export const twinningListResponse = z.object({ items: z.array(twinningSchema), nextCursor: z.string().nullable() });

export const brokeringResponse = z.object({
  items: z.array(z.object({
    cities: z.tuple([cityRef, cityRef]),
    /** Mean of the two directions' match scores, 0..1. */
    score: z.number().min(0).max(1),
    reasons: z.array(reasonSchema),
  })),
}).meta({ id: 'BrokeringBoard' });

export const brokeringQuery = z.object({ limit: limitSchema, lang: z.enum(['en', 'fr', 'es']).optional() });

export type CreateTwinningInput = z.input<typeof createTwinningBody>;
export type PutPlanInput = z.input<typeof putPlanBody>;
export type Twinning = z.infer<typeof twinningSchema>;
export type TwinningDetail = z.infer<typeof twinningDetailSchema>;
export type TwinningEvent = z.infer<typeof twinningEventSchema>;
export type TwinningPlan = z.infer<typeof planSchema>;
export type TwinningListResponse = z.infer<typeof twinningListResponse>;
export type BrokeringResponse = z.infer<typeof brokeringResponse>;
export type BrokeringPair = BrokeringResponse['items'][number];
