import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';

export type NewMessage = { threadId: string; authorId: string; body: string; bodyHtml: string; mentions: string[] };

/**
 * The insert transaction of a post, as one statement (so one transaction even outside `$transaction`,
 * and one round trip): take the next seq (the UPDATE's row lock orders concurrent posts from any node;
 * commit order is seq order, a rolled-back insert gives its number back), insert the message, and move
 * the author's read position to it. bench/realtime.ts times it alone.
 */
export async function insertMessage(client: DbOrTx, m: NewMessage) {
  const rows = await client.$queryRaw<{ id: string; seq: number; created_at: Date }[]>`
    WITH s AS (
      UPDATE threads SET last_seq = last_seq + 1, last_message_at = now() WHERE id = ${m.threadId} RETURNING last_seq
    ), ins AS (
      INSERT INTO messages (id, thread_id, author_id, seq, body, body_html, mentions)
      SELECT ${randomUUID()}, ${m.threadId}, ${m.authorId}, s.last_seq, ${m.body}, ${m.bodyHtml}, ${m.mentions}::text[] FROM s
      RETURNING id, seq, created_at
    ), rd AS (
      INSERT INTO thread_participants (thread_id, user_id, last_read_seq, last_read_at)
      SELECT ${m.threadId}, ${m.authorId}, ins.seq, now() FROM ins
      ON CONFLICT (thread_id, user_id) DO UPDATE
        SET last_read_seq = GREATEST(thread_participants.last_read_seq, EXCLUDED.last_read_seq), last_read_at = now()
    )
    SELECT id, seq, created_at FROM ins`;
  if (!rows[0]) throw notFound('Thread');
  return rows[0];
}
