import { z } from 'zod';
import { slugSchema } from './migration-routes.ts';
import { cursorSchema, limitSchema } from './pagination.ts';

/** Limits of the peer-exchange threads; the client shows the same numbers. */
export const THREAD_LIMITS = { title: 200, body: 10_000, cities: 20, mentions: 50 } as const;

const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'Must not contain the NUL character (U+0000)';
const id = z.string().min(1).max(64).refine(noNul, NUL_MESSAGE);
const messageBody = z.string()
  .refine(noNul, NUL_MESSAGE)
  .refine((s) => s.trim().length > 0, 'Write a message')
  .refine((s) => s.length <= THREAD_LIMITS.body, `At most ${THREAD_LIMITS.body} characters`);
const uniqIds = (max: number, what: string) =>
  z.array(id).max(max, `At most ${max} ${what}`).refine((a) => new Set(a).size === a.length, `Each ${what.replace(/s$/, '')} at most once`);

export const threadParams = z.object({ id });
export const messageParams = z.object({ id, messageId: id });

export const createThreadBody = z.object({
  title: z.string().refine(noNul, NUL_MESSAGE).transform((s) => s.trim())
    .pipe(z.string().min(1, 'Required').max(THREAD_LIMITS.title, `At most ${THREAD_LIMITS.title} characters`)),
  /** The other cities; the creator's city joins by itself (`fromCityId`, or the creator's only city). */
  cityIds: uniqIds(THREAD_LIMITS.cities, 'cities').refine((a) => a.length > 0, 'Name at least one city'),
  /** Which of the creator's cities speaks, when they belong to several. */
  fromCityId: id.optional(),
  practiceId: id.optional(),
  twinningId: id.optional(),
  /** A migration route's slug. */
  route: slugSchema.optional(),
}).strict();

/** Opens the one plain thread between the actor's city and another one, or returns the existing one. */
export const directThreadBody = z.object({
  cityId: id,
  fromCityId: id.optional(),
  title: z.string().refine(noNul, NUL_MESSAGE).transform((s) => s.trim())
    .pipe(z.string().max(THREAD_LIMITS.title, `At most ${THREAD_LIMITS.title} characters`)).optional(),
}).strict();

export const listThreadsQuery = z.object({
  limit: limitSchema,
  cursor: cursorSchema,
  /** Only threads this city takes part in. */
  withCity: id.optional(),
});

export const postMessageBody = z.object({
  body: messageBody,
  /** User ids; those who take part in the thread get `thread.mentioned`. */
  mentions: uniqIds(THREAD_LIMITS.mentions, 'mentions').optional(),
}).strict();

export const editMessageBody = z.object({ body: messageBody }).strict();

const seqQuery = z.coerce.number().int().min(0).max(2_147_483_647);
export const listMessagesQuery = z.object({
  /** Newest first, older than this seq. */
  before: seqQuery.optional(),
  /** Oldest first, newer than this seq: what a client missed. */
  after: seqQuery.optional(),
  limit: limitSchema,
}).refine((q) => q.before === undefined || q.after === undefined, { message: 'Use before or after, not both', path: ['after'] });

export const readBody = z.object({ seq: z.number().int().min(0).max(2_147_483_647) }).strict();
export const inviteCityBody = z.object({ cityId: id }).strict();

// ───── responses ─────

const cityRef = z.object({ id: z.string(), name: z.string(), country: z.string().nullable() });
const userRef = z.object({ id: z.string(), name: z.string() });

export const messageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  seq: z.number().int(),
  author: userRef,
  /** Markdown source; empty once deleted. */
  body: z.string(),
  /** Rendered and sanitised; empty once deleted. */
  bodyHtml: z.string(),
  mentions: z.array(z.string()),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
}).meta({ id: 'Message' });

export const threadSummarySchema = z.object({
  isSample: z.boolean().optional().describe('Loaded by `npm run seed:sample`: shown with a "Sample" badge'),
  id: z.string(),
  title: z.string(),
  cities: z.array(cityRef),
  practiceId: z.string().nullable(),
  twinningId: z.string().nullable(),
  route: z.string().nullable(),
  lastMessage: messageSchema.nullable(),
  lastSeq: z.number().int(),
  /** Read through this seq. */
  lastReadSeq: z.number().int(),
  /** Others' messages after lastReadSeq that are not deleted. */
  unreadCount: z.number().int(),
  createdAt: z.string(),
}).meta({ id: 'ThreadSummary' });

export const participantSchema = z.object({ id: z.string(), name: z.string(), cityIds: z.array(z.string()) });

export const threadSchema = threadSummarySchema.extend({
  /** Members of the participating cities (for mentions). */
  participants: z.array(participantSchema),
  /** Per city, the highest seq one of its members has read. */
  seenBy: z.array(z.object({ cityId: z.string(), seq: z.number().int() })),
  /** What the actor may do here. */
  can: z.object({ post: z.boolean(), moderate: z.boolean(), invite: z.boolean() }),
}).meta({ id: 'Thread' });

export const threadListResponse = z.object({
  items: z.array(threadSummarySchema),
  nextCursor: z.string().nullable(),
  /** Unread messages over all the actor's threads (not only this page). */
  unreadTotal: z.number().int(),
});

export const messageListResponse = z.object({
  items: z.array(messageSchema),
  /** Pass as `before` (newest-first pages) or `after` (oldest-first pages) for the next page; null at the end. */
  nextSeq: z.number().int().nullable(),
  lastSeq: z.number().int(),
});

export const readResponse = z.object({ lastReadSeq: z.number().int(), unreadCount: z.number().int() });

// ───── socket.io payloads (client → server) ─────

export const threadRoomPayload = z.object({ threadId: id }).strict();

export type Message = z.infer<typeof messageSchema>;
export type ThreadSummary = z.infer<typeof threadSummarySchema>;
export type Thread = z.infer<typeof threadSchema>;
export type ThreadListResponse = z.infer<typeof threadListResponse>;
export type MessageListResponse = z.infer<typeof messageListResponse>;
