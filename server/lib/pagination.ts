import { z } from 'zod';
import { badRequest } from './errors.ts';
import { findUnstorableText } from './unstorable-text.ts';

/** Opaque cursors: base64url JSON of the last row's sort key. */
export const encodeCursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  const invalid = () => badRequest('The cursor is not valid', [{ path: 'cursor', message: 'Not a cursor returned by this list' }]);
  let key: T;
  try {
    key = schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalid();
  }
  // a forged cursor is input too: its strings reach SQL
  if (findUnstorableText(key).length) throw invalid();
  return key;
}

/** The key of a list ordered by a time then an id: `[ISO datetime, id]` (a forged cursor with another date is a 400, not a 500). */
export const timeIdCursor = z.tuple([z.iso.datetime(), z.string().max(64)]);

/** Given limit+1 rows, returns the page and the cursor for the next one. */
export function paginate<T>(rows: T[], limit: number, keyOf: (row: T) => unknown) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
