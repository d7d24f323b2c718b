import type { z } from 'zod';
import type { editMessageBody, listMessagesQuery, postMessageBody } from '../../contract/threads.ts';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { assert } from '../../policies/assert.ts';
import { threadPolicy } from '../../policies/thread.policy.ts';
import { messageInclude, presentMessage } from '../../presenters/thread.presenter.ts';
import type { RealtimePublisher } from '../../lib/realtime-publisher.ts';
import type { Actor } from '../auth/actor.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { renderMarkdown } from '../practices/markdown.ts';
import { insertMessage } from './message-insert.ts';
import { requireReadableFacts } from './thread-access.ts';

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
      // the participants come with the check: they are who is told and who can be mentioned
      const { thread, principal, facts, memberIds } = await requireReadableFacts(db, actor, threadId, { members: true });
      assert(threadPolicy.canPost(principal, facts), 'Only members of the participating cities write here; managers read and moderate');
      const bodyHtml = renderMarkdown(input.body);
      // mentions that count: participants other than the author
      const participants = new Set(memberIds);
      const mentioned = (input.mentions ?? []).filter((id) => id !== actor.userId && participants.has(id));
      const data = { threadId, authorId: actor.userId, body: input.body, bodyHtml, mentions: mentioned };
      const row = !mentioned.length ? await insertMessage(db, data) : await db.$transaction(async (tx) => {
        const created = await insertMessage(tx, data);
        await outbox.add(tx, {
          job: 'notification.fanout', key: `message-${created.id}-mentioned`,
          payload: {
            type: 'thread.mentioned', eventKey: `message-${created.id}-mentioned`, actorId: actor.userId,
            subject: { kind: 'thread', id: threadId },
            recipients: mentioned.map((userId) => ({ kind: 'user' as const, userId })),
            // title and actorName: what the notification line and the e-mail say (as every event type does)
            data: { threadId, messageId: created.id, seq: created.seq, title: thread.title, actorName: actor.user.name, excerpt: input.body.slice(0, 200) },
          },
        });
        return created;
      });
      const presented = presentMessage({
        ...data, id: row.id, seq: row.seq, createdAt: row.created_at, editedAt: null, deletedAt: null, author: { id: actor.userId, name: actor.user.name },
      });
      realtime.toThread(threadId, 'message:new', { threadId, message: presented });
      // every participant's other views (thread lists, badges): one publish to all their rooms; sockets
      // in the thread's room already have it as `message:new` (the client reads both), so each socket
      // gets one frame per post, not two
      realtime.toUser(memberIds, 'thread:activity', { threadId, lastSeq: presented.seq, message: presented }, { exceptThread: threadId });
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
