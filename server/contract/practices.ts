import { z } from 'zod';
import { cursorSchema, limitSchema } from './pagination.ts';
import { PRACTICE_LIMITS as L } from './practice-limits.ts';
import { TARGET_GROUP_CODES } from './target-groups.ts';
import { slugSchema } from './migration-routes.ts';
import { PRIORITY_CODE_PATTERN } from './common.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a calendar date');
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (max: number) => text(max).min(1, 'Required');
const priorityCode = z.string().regex(PRIORITY_CODE_PATTERN, 'A priority code such as "solidarity.3"');
const languageCode = z.string().regex(/^[a-z]{2}$/, 'An ISO 639-1 code such as "fr"');

const howToSchema = z.object({
  process: text(L.howToField).optional(),
  challenges: text(L.howToField).optional(),
  successFactors: text(L.howToField).optional(),
  transferability: text(L.howToField).optional(),
}).strict();

const uniq = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, `At most ${max} ${what}`).refine((a) => new Set(a).size === a.length, `Each ${what.replace(/s$/, '')} at most once`);

const editable = {
  title: required(L.title),
  summary: required(L.summary),
  body: text(L.body).min(1, 'Required'),
  language: languageCode,
  priorities: uniq(priorityCode, L.priorities, 'priorities').refine((a) => a.length > 0, 'Name at least one Charter priority'),
  routes: uniq(slugSchema, L.routes, 'routes'),
  targetGroups: uniq(z.enum(TARGET_GROUP_CODES), L.targetGroups, 'target groups'),
  howTo: howToSchema,
  budget: text(L.budget),
  startedOn: isoDate,
  endedOn: isoDate,
  outcomes: text(L.outcomes),
  contact: text(L.contact),
};

const datesInOrder = (v: { startedOn?: string | null; endedOn?: string | null }) => !v.startedOn || !v.endedOn || v.startedOn <= v.endedOn;

export const createPracticeBody = z.object({
  ...editable,
  cityId: z.string().min(1).max(64),
  /** The twinning this practice came from (one of its cities must be the practice's city). */
  twinningId: z.string().min(1).max(64).optional(),
  routes: editable.routes.optional(),
  targetGroups: editable.targetGroups.optional(),
  howTo: editable.howTo.optional(),
  budget: editable.budget.optional(),
  startedOn: editable.startedOn.optional(),
  endedOn: editable.endedOn.optional(),
  outcomes: editable.outcomes.optional(),
  contact: editable.contact.optional(),
}).refine(datesInOrder, { message: 'endedOn is before startedOn', path: ['endedOn'] });

/** Every field optional; optional ones may be cleared with null. The city cannot change. */
export const updatePracticeBody = z.object({
  title: editable.title.optional(),
  summary: editable.summary.optional(),
  body: editable.body.optional(),
  language: editable.language.optional(),
  priorities: editable.priorities.optional(),
  routes: editable.routes.optional(),
  targetGroups: editable.targetGroups.optional(),
  howTo: editable.howTo.nullable().optional(),
  budget: editable.budget.nullable().optional(),
  startedOn: editable.startedOn.nullable().optional(),
  endedOn: editable.endedOn.nullable().optional(),
  outcomes: editable.outcomes.nullable().optional(),
  contact: editable.contact.nullable().optional(),
  twinningId: z.string().min(1).max(64).nullable().optional(),
  /** Optimistic concurrency: when given, the change applies only to this version (else 409). */
  version: z.number().int().positive().optional(),
}).strict().refine(datesInOrder, { message: 'endedOn is before startedOn', path: ['endedOn'] });


export const practiceParams = z.object({ id: z.string().min(1).max(64) });
export const transitionBody = z.object({
  version: z.number().int().positive().optional(),
  /** Why (shown in the revision history), e.g. what to change when returning a practice to its author. */
  note: text(1000).optional(),
  /** The same as `note` (the name the review queue uses for a return); `note` wins when both are given. */
  comment: text(1000).optional(),
}).strict();

/** Renders Markdown as a stored body would be (the editor's live preview): nothing is stored. */
export const previewBody = z.object({ body: z.string().max(L.body, `At most ${L.body} characters`) }).strict();
export const previewResponse = z.object({ bodyHtml: z.string() });

export const listPracticesQuery = z.object({
  cityId: z.string().max(64).optional(),
  status: z.enum(['draft', 'in_review', 'published', 'archived']).optional(),
  priority: priorityCode.optional(),
  language: languageCode.optional(),
  mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  /** The review queue: practices in review of cities in networks the caller manages (all of them for admins). */
  review: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  limit: limitSchema,
  cursor: cursorSchema,
});

const cityRef = z.object({ id: z.string(), name: z.string(), country: z.string().nullable() });
export const practiceSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  bodyHtml: z.string(),
  city: cityRef,
  language: z.string(),
  status: z.enum(['draft', 'in_review', 'published', 'archived']),
  author: z.object({ id: z.string(), name: z.string() }),
  priorities: z.array(z.string()),
  routes: z.array(z.string()),
  targetGroups: z.array(z.string()),
  howTo: z.object({ process: z.string().optional(), challenges: z.string().optional(), successFactors: z.string().optional(), transferability: z.string().optional() }).nullable(),
  budget: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  outcomes: z.string().nullable(),
  contact: z.string().nullable(),
  /** The twinning it came from, if any. */
  twinningId: z.string().nullable(),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  isSample: z.boolean().optional().describe('Loaded by `npm run seed:sample`: shown with a "Sample" badge'),
}).meta({ id: 'Practice' });

export const practiceSummarySchema = practiceSchema.omit({ body: true, bodyHtml: true, howTo: true, outcomes: true, contact: true, budget: true })
  .meta({ id: 'PracticeSummary' });
export const practiceListResponse = z.object({ items: z.array(practiceSummarySchema), nextCursor: z.string().nullable() });
export const revisionListResponse = z.object({
  items: z.array(z.object({
    id: z.string(), version: z.number().int(), action: z.string(), note: z.string().nullable(),
    editor: z.object({ id: z.string(), name: z.string() }), createdAt: z.string(),
  })),
});

export type Practice = z.output<typeof practiceSchema>;
export type PracticeSummary = z.output<typeof practiceSummarySchema>;
export type PracticeCityRef = Practice['city'];
