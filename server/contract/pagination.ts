import { z } from 'zod';

/** `?limit=` (default 20, max 100) and the opaque `cursor` of every list. */
export const limitSchema = z.coerce.number().int().min(1).max(100).default(20);
export const cursorSchema = z.string().max(500).optional();

/** Every list response: a page of items and the cursor of the next page (null on the last). */
export type Paginated<T> = { items: T[]; nextCursor: string | null };
