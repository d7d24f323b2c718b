import type { DbOrTx } from '../../db/client.ts';

/**
 * Read positions. `last_read_seq` only moves forward (GREATEST), so a late or repeated "read" never
 * un-reads anything. Unread = others' messages after it that are not deleted.
 */
export async function markRead(db: DbOrTx, threadId: string, userId: string, seq: number) {
  const rows = await db.$queryRaw<{ last_read_seq: number }[]>`
    INSERT INTO thread_participants (thread_id, user_id, last_read_seq, last_read_at)
    VALUES (${threadId}, ${userId}, ${seq}, now())
    ON CONFLICT (thread_id, user_id) DO UPDATE
      SET last_read_seq = GREATEST(thread_participants.last_read_seq, EXCLUDED.last_read_seq), last_read_at = now()
    RETURNING last_read_seq`;
  return rows[0].last_read_seq;
}

/** Per thread: the user's read position and unread count. */
export async function readStates(db: DbOrTx, userId: string, threadIds: string[]) {
  if (!threadIds.length) return new Map<string, { lastReadSeq: number; unreadCount: number }>();
  const rows = await db.$queryRaw<{ thread_id: string; last_read_seq: number; unread: number }[]>`
    SELECT t.id AS thread_id, COALESCE(tp.last_read_seq, 0)::int AS last_read_seq,
      (SELECT count(*) FROM messages m WHERE m.thread_id = t.id AND m.seq > COALESCE(tp.last_read_seq, 0)
         AND m.author_id <> ${userId} AND m.deleted_at IS NULL)::int AS unread
    FROM threads t LEFT JOIN thread_participants tp ON tp.thread_id = t.id AND tp.user_id = ${userId}
    WHERE t.id = ANY(${threadIds})`;
  return new Map(rows.map((r) => [r.thread_id, { lastReadSeq: r.last_read_seq, unreadCount: r.unread }]));
}

/** Unread messages over every thread of the user's cities. */
export async function unreadTotal(db: DbOrTx, userId: string) {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n
    FROM threads t
    LEFT JOIN thread_participants tp ON tp.thread_id = t.id AND tp.user_id = ${userId}
    JOIN messages m ON m.thread_id = t.id AND m.seq > COALESCE(tp.last_read_seq, 0) AND m.author_id <> ${userId} AND m.deleted_at IS NULL
    WHERE t.id IN (SELECT tc.thread_id FROM thread_cities tc JOIN city_memberships cm ON cm.city_id = tc.city_id WHERE cm.user_id = ${userId})`;
  return rows[0]?.n ?? 0;
}

/** Per participating city, the furthest any of its members has read. */
export async function seenByCity(db: DbOrTx, threadId: string, cityIds: string[]) {
  if (!cityIds.length) return [];
  const rows = await db.$queryRaw<{ city_id: string; seq: number }[]>`
    SELECT cm.city_id, max(tp.last_read_seq)::int AS seq
    FROM thread_participants tp JOIN city_memberships cm ON cm.user_id = tp.user_id
    WHERE tp.thread_id = ${threadId} AND cm.city_id = ANY(${cityIds})
    GROUP BY cm.city_id`;
  const seqOf = new Map(rows.map((r) => [r.city_id, r.seq]));
  return cityIds.map((cityId) => ({ cityId, seq: seqOf.get(cityId) ?? 0 }));
}
