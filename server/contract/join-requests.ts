import { z } from 'zod';
import { MEMBER_ROLES } from './common.ts';
import { cursorSchema, limitSchema } from './pagination.ts';

export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

const roleSchema = z.enum(MEMBER_ROLES, {
  error: (iss) => `Unknown role ${JSON.stringify(iss.input)}: use ${MEMBER_ROLES.join(', ')}`,
});

export const createJoinRequestBody = z.object({
  role: roleSchema,
  message: z.string().trim().max(2000).optional(),
}).strict();

export const declineJoinRequestBody = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

export const joinRequestParams = z.object({ id: z.string().min(1).max(64) });

export const listJoinRequestsQuery = z.object({
  /** Default `pending`: what approvers act on. */
  status: z.enum([...JOIN_REQUEST_STATUSES, 'all'] as const).default('pending'),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const joinRequestSchema = z.object({
  id: z.string(),
  city: z.object({ id: z.string(), name: z.string(), country: z.string().nullable() }),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  role: z.enum(MEMBER_ROLES),
  message: z.string().nullable(),
  status: z.enum(JOIN_REQUEST_STATUSES),
  reason: z.string().nullable(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: 'JoinRequest' });

export const joinRequestListResponse = z.object({ items: z.array(joinRequestSchema), nextCursor: z.string().nullable() });

export type JoinRequest = z.output<typeof joinRequestSchema>;
