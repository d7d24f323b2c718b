import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { editMessageBody, listMessagesQuery, postMessageBody } from '../../contract/threads.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { assert } from '../../policies/assert.ts';
import { threadPolicy } from '../../policies/thread.policy.ts';
import { messageInclude, presentMessage } from '../../presenters/thread.presenter.ts';
import type { RealtimePublisher } from '../../lib/realtime-publisher.ts';
import type { Actor } from '../auth/actor.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { renderMarkdown } from '../practices/markdown.ts';
import { memberIdsOf, membersAmong, requireReadableFacts } from './thread-access.ts';

export type PostMessageInput = z.output<typeof postMessageBody>;
export type ListMessagesInput = z.output<typeof listMessagesQuery>;

/**
 * Messages of a thread. A message's `seq` comes from `UPDATE threads SET last_seq = last_seq + 1 …
 * RETURNING` in the insert's own transaction: the row lock orders concurrent posts (from any node), so
 * seqs are 1, 2, 3… in commit order, and a rolled-back insert gives its number back. Sockets hear of a
 * message only after it committed (publisher → Redis → every node).
 */
export function createMessagesService({ db, outbox, realtime }: { db: Db; outbox: Outbox; realtime: Pick<RealtimePublisher, 'toThread' | 'toUser'> }) {
  async function requireMessage(threadId: string, messageId: string) {
    const message = await db.message.findUnique({ where: { id: messageId }, include: messageInclude });
    if (!message || message.threadId !== threadId) throw notFound('Message');
    return message;
  }

  /** Tells every participant's other views (thread lists, badges) that the thread moved. */
  async function announce(threadId: string, cityIds: string[], message: ReturnType<typeof presentMessage>) {
    realtime.toUser(await memberIdsOf(db, cityIds), 'thread:activity', { threadId, lastSeq: message.seq, message });
  }

  /**
   * One statement, so one transaction even outside `$transaction`: take the next seq (the UPDATE's row
   * lock orders concurrent posts; commit order is seq order), insert the message, and read the author
   * through it.
   */
  async function insert(client: DbOrTx, m: { threadId: string; authorId: string; body: string; bodyHtml: string; mentions: string[] }) {
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

  return {
    async list(actor: Actor, threadId: string, query: ListMessagesInput) {
      const { thread } = await requireReadableFacts(db, actor, threadId);
      const ascending = query.after !== undefined;
      const rows = await db.message.findMany({
        where: { threadId, ...(ascending ? { seq: { gt: query.after } } : query.before !== undefined ? { seq: { lt: query.before } } : {}) },
        orderBy: { seq: ascending ? 'asc' : 'desc' },
        take: query.limit + 1,
        include: messageInclude,
      });
      const items = rows.slice(0, query.limit);
      const more = rows.length > query.limit;
      return { items: items.map(presentMessage), nextSeq: more ? items[items.length - 1].seq : null, lastSeq: thread.lastSeq };
    },

    async post(actor: Actor, threadId: string, input: PostMessageInput) {
      const { principal, facts } = await requireReadableFacts(db, actor, threadId);
      assert(threadPolicy.canPost(principal, facts), 'Only members of the participating cities write here; managers read and moderate');
      const bodyHtml = renderMarkdown(input.body);
      // mentions that count: participants other than the author
      const mentioned = input.mentions?.length ? (await membersAmong(db, facts.cityIds, input.mentions)).filter((id) => id !== actor.userId) : [];
      const data = { threadId, authorId: actor.userId, body: input.body, bodyHtml, mentions: mentioned };
      const row = !mentioned.length ? await insert(db, data) : await db.$transaction(async (tx) => {
        const created = await insert(tx, data);
        await outbox.add(tx, {
          job: 'notification.fanout', key: `message-${created.id}-mentioned`,
          payload: {
            type: 'thread.mentioned', eventKey: `message-${created.id}-mentioned`, actorId: actor.userId,
            subject: { kind: 'thread', id: threadId },
            recipients: mentioned.map((userId) => ({ kind: 'user' as const, userId })),
            data: { threadId, messageId: created.id, seq: created.seq, excerpt: input.body.slice(0, 200) },
          },
        });
        return created;
      });
      const presented = presentMessage({
        ...data, id: row.id, seq: row.seq, createdAt: row.created_at, editedAt: null, deletedAt: null, author: { id: actor.userId, name: actor.user.name },
      });
      realtime.toThread(threadId, 'message:new', { threadId, message: presented });
      await announce(threadId, facts.cityIds, presented);
      return presented;
    },

    async edit(actor: Actor, threadId: string, messageId: string, input: z.output<typeof editMessageBody>) {
      const { principal, facts } = await requireReadableFacts(db, actor, threadId);
      const before = await requireMessage(threadId, messageId);
      assert(threadPolicy.canEditMessage(principal, facts, before.authorId), 'Only the author edits a message');
      if (before.deletedAt) throw conflict('A deleted message cannot be edited');
      const { count } = await db.message.updateMany({
        where: { id: messageId, deletedAt: null },
        data: { body: input.body, bodyHtml: renderMarkdown(input.body), editedAt: new Date() },
      });
      if (count === 0) throw conflict('A deleted message cannot be edited');
      const presented = presentMessage(await requireMessage(threadId, messageId));
      realtime.toThread(threadId, 'message:updated', { threadId, message: presented });
      return presented;
    },

    /** A tombstone: seq, author and dates stay; the words go. */
    async remove(actor: Actor, threadId: string, messageId: string) {
      const { principal, facts } = await requireReadableFacts(db, actor, threadId);
      const before = await requireMessage(threadId, messageId);
      assert(threadPolicy.canDeleteMessage(principal, facts, before.authorId), 'Only the author or a manager of the cities\' networks deletes a message');
      if (!before.deletedAt) {
        await db.message.updateMany({ where: { id: messageId, deletedAt: null }, data: { body: '', bodyHtml: '', mentions: [], deletedAt: new Date() } });
      }
      const presented = presentMessage(await requireMessage(threadId, messageId));
      if (!before.deletedAt) realtime.toThread(threadId, 'message:updated', { threadId, message: presented });
      return presented;
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
