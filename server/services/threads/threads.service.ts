import { type z } from 'zod';
import type { createThreadBody, directThreadBody, inviteCityBody, listThreadsQuery, readBody } from '../../contract/threads.ts';
import type { Db, Tx } from '../../db/client.ts';
import { badRequest, conflict, forbidden, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, paginate, timeIdCursor } from '../../lib/pagination.ts';
import { assert } from '../../policies/assert.ts';
import type { Principal } from '../../policies/principal.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { threadPolicy } from '../../policies/thread.policy.ts';
import { messageInclude, presentThreadSummary, threadInclude } from '../../presenters/thread.presenter.ts';
import type { RealtimePublisher } from '../../lib/realtime-publisher.ts';
import type { Actor } from '../auth/actor.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { participantsOf, requireReadable, requireReadableFacts } from './thread-access.ts';
import { markRead, readStates, seenByCity, unreadTotal } from './read-state.ts';

export type CreateThreadInput = z.output<typeof createThreadBody>;
export type DirectThreadInput = z.output<typeof directThreadBody>;
export type ListThreadsInput = z.output<typeof listThreadsQuery>;

const cursorKey = timeIdCursor;
export const directKeyOf = (a: string, b: string) => [a, b].sort().join(':');

/**
 * Peer-exchange threads between cities: creating them (or finding the one between two cities), listing
 * the actor's with unread counts, reading one with who has seen what, inviting a city, read positions.
 * Messages are in messages.service.ts.
 */
export function createThreadsService({ db, outbox, realtime }: { db: Db; outbox: Outbox; realtime: Pick<RealtimePublisher, 'toThread' | 'toUser'> }) {
  /** The city the actor speaks for: the one named, else their only city. */
  function speakingCity(principal: Principal, fromCityId: string | undefined) {
    if (fromCityId !== undefined) {
      assert(threadPolicy.canCreate(principal, fromCityId), 'Only members of a city start threads in its name');
      return fromCityId;
    }
    const mine = [...principal.cityRoles.keys()];
    if (mine.length === 0) throw forbidden('Only members of a city start threads');
    if (mine.length > 1) throw badRequest('The request has invalid fields', [{ path: 'fromCityId', message: 'You belong to several cities: name the one you write for' }]);
    return mine[0];
  }

  async function checkReferences(input: { cityIds: string[]; practiceId?: string; twinningId?: string; route?: string }) {
    const errors: FieldError[] = [];
    const found = new Set((await db.city.findMany({ where: { id: { in: input.cityIds } }, select: { id: true } })).map((c) => c.id));
    input.cityIds.forEach((id, i) => { if (!found.has(id)) errors.push({ path: `cityIds.${i}`, message: 'No city has this id' }); });
    if (input.practiceId && !(await db.practice.findUnique({ where: { id: input.practiceId }, select: { id: true } }))) {
      errors.push({ path: 'practiceId', message: 'No practice has this id' });
    }
    if (input.twinningId && !(await db.twinning.findUnique({ where: { id: input.twinningId }, select: { id: true } }))) {
      errors.push({ path: 'twinningId', message: 'No twinning has this id' });
    }
    let routeId: string | null = null;
    if (input.route) {
      routeId = (await db.route.findUnique({ where: { slug: input.route }, select: { id: true } }))?.id ?? null;
      if (!routeId) errors.push({ path: 'route', message: `Unknown route "${input.route}": see GET /api/routes` });
    }
    if (errors.length) throw badRequest('The request has invalid fields', errors);
    return { routeId };
  }

  /** Thread row + cities, in one transaction with the `thread.invited` event for the invited cities. */
  async function insertThread(tx: Tx, actor: Actor, data: { title: string; cityIds: string[]; fromCityId: string; practiceId?: string; twinningId?: string; routeId: string | null; directKey?: string }) {
    const cityIds = [data.fromCityId, ...data.cityIds.filter((c) => c !== data.fromCityId)];
    const thread = await tx.thread.create({
      data: {
        title: data.title, createdById: actor.userId, practiceId: data.practiceId ?? null, twinningId: data.twinningId ?? null,
        routeId: data.routeId, directKey: data.directKey ?? null,
        cities: { create: cityIds.map((cityId) => ({ cityId })) },
      },
      select: { id: true },
    });
    const invited = cityIds.slice(1);
    if (invited.length) {
      await outbox.add(tx, {
        job: 'notification.fanout', key: `thread-${thread.id}-created`,
        payload: {
          type: 'thread.invited', eventKey: `thread-${thread.id}-created`, actorId: actor.userId,
          subject: { kind: 'thread', id: thread.id },
          recipients: invited.map((cityId) => ({ kind: 'city_members' as const, cityId })),
          data: { threadId: thread.id, title: data.title, byCityId: data.fromCityId, actorName: actor.user.name },
        },
      });
    }
    return thread.id;
  }

  async function detail(actor: Actor, threadId: string) {
    const { thread, principal, facts } = await requireReadable(db, actor, threadId);
    const [states, lastMessage, participants, seenBy] = await Promise.all([
      readStates(db, actor.userId, [thread.id]),
      thread.lastSeq > 0 ? db.message.findUnique({ where: { threadId_seq: { threadId: thread.id, seq: thread.lastSeq } }, include: messageInclude }) : null,
      participantsOf(db, facts.cityIds),
      seenByCity(db, thread.id, facts.cityIds),
    ]);
    const state = states.get(thread.id) ?? { lastReadSeq: 0, unreadCount: 0 };
    return {
      ...presentThreadSummary(thread, { lastMessage, ...state }),
      participants,
      seenBy,
      can: { post: threadPolicy.canPost(principal, facts), moderate: threadPolicy.canModerate(principal, facts), invite: threadPolicy.canInvite(principal, facts) },
    };
  }

  return {
    async create(actor: Actor, input: CreateThreadInput) {
      const principal = await loadPrincipal(db, actor);
      const fromCityId = speakingCity(principal, input.fromCityId);
      const { routeId } = await checkReferences(input);
      const id = await db.$transaction((tx) => insertThread(tx, actor, { ...input, fromCityId, routeId }));
      return detail(actor, id);
    },

    /** The plain thread between the actor's city and `cityId`: the existing one, or a new one. */
    async direct(actor: Actor, input: DirectThreadInput) {
      const principal = await loadPrincipal(db, actor);
      const fromCityId = speakingCity(principal, input.fromCityId);
      if (fromCityId === input.cityId) throw badRequest('The request has invalid fields', [{ path: 'cityId', message: 'That is your own city' }]);
      const cities = await db.city.findMany({ where: { id: { in: [fromCityId, input.cityId] } }, select: { id: true, name: true } });
      const other = cities.find((c) => c.id === input.cityId);
      if (!other) throw badRequest('The request has invalid fields', [{ path: 'cityId', message: 'No city has this id' }]);
      const directKey = directKeyOf(fromCityId, input.cityId);
      const existing = await db.thread.findUnique({ where: { directKey }, select: { id: true } });
      if (existing) return { created: false, thread: await detail(actor, existing.id) };
      const title = input.title || `${cities.find((c) => c.id === fromCityId)?.name} – ${other.name}`;
      try {
        const id = await db.$transaction((tx) => insertThread(tx, actor, { title, cityIds: [input.cityId], fromCityId, routeId: null, directKey }));
        return { created: true, thread: await detail(actor, id) };
      } catch (err) {
        // two first contacts at once: the other one won, use its thread
        if ((err as { code?: string }).code !== 'P2002') throw err;
        const winner = await db.thread.findUniqueOrThrow({ where: { directKey }, select: { id: true } });
        return { created: false, thread: await detail(actor, winner.id) };
      }
    },

    /** Threads of the actor's cities, most recently active first, with read state. */
    async list(actor: Actor, query: ListThreadsInput) {
      const principal = await loadPrincipal(db, actor);
      const cityIds = [...principal.cityRoles.keys()];
      const after = decodeCursor(query.cursor, cursorKey);
      const rows = cityIds.length === 0 ? [] : await db.$queryRaw<{ id: string; activity: Date }[]>`
        SELECT t.id, COALESCE(t.last_message_at, t.created_at) AS activity FROM threads t
        WHERE EXISTS (SELECT 1 FROM thread_cities tc WHERE tc.thread_id = t.id AND tc.city_id = ANY(${cityIds}))
          AND (${query.withCity ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM thread_cities w WHERE w.thread_id = t.id AND w.city_id = ${query.withCity ?? null}))
          AND (${after?.[0] ?? null}::timestamptz IS NULL OR (COALESCE(t.last_message_at, t.created_at), t.id) < (${after?.[0] ?? null}::timestamptz, ${after?.[1] ?? ''}))
        ORDER BY activity DESC, t.id DESC LIMIT ${query.limit + 1}`;
      const page = paginate(rows, query.limit, (r) => [r.activity.toISOString(), r.id]);
      const ids = page.items.map((r) => r.id);
      const [threads, states, total] = await Promise.all([
        db.thread.findMany({ where: { id: { in: ids } }, include: threadInclude }),
        readStates(db, actor.userId, ids),
        unreadTotal(db, actor.userId),
      ]);
      const lastMessages = await db.message.findMany({
        where: { OR: threads.filter((t) => t.lastSeq > 0).map((t) => ({ threadId: t.id, seq: t.lastSeq })) },
        include: messageInclude,
      });
      const byId = new Map(threads.map((t) => [t.id, t]));
      const lastOf = new Map(lastMessages.map((m) => [m.threadId, m]));
      return {
        items: ids.map((id) => byId.get(id)!).filter(Boolean).map((t) =>
          presentThreadSummary(t, { lastMessage: lastOf.get(t.id) ?? null, ...(states.get(t.id) ?? { lastReadSeq: 0, unreadCount: 0 }) })),
        nextCursor: page.nextCursor,
        unreadTotal: total,
      };
    },

    get: detail,

    /** Invites a city: its members become participants and are notified. */
    async inviteCity(actor: Actor, threadId: string, input: z.output<typeof inviteCityBody>) {
      const { thread, principal, facts } = await requireReadable(db, actor, threadId);
      assert(threadPolicy.canInvite(principal, facts), 'Only participants and moderators invite cities');
      if (!(await db.city.findUnique({ where: { id: input.cityId }, select: { id: true } }))) {
        throw badRequest('The request has invalid fields', [{ path: 'cityId', message: 'No city has this id' }]);
      }
      if (facts.cityIds.includes(input.cityId)) throw conflict('This city already takes part in the thread');
      await db.$transaction(async (tx) => {
        await tx.threadCity.create({ data: { threadId, cityId: input.cityId } });
        await outbox.add(tx, {
          job: 'notification.fanout', key: `thread-${threadId}-invited-${input.cityId}`,
          payload: {
            type: 'thread.invited', eventKey: `thread-${threadId}-invited-${input.cityId}`, actorId: actor.userId,
            subject: { kind: 'thread', id: threadId },
            recipients: [{ kind: 'city_members', cityId: input.cityId }],
            data: { threadId, title: thread.title, cityId: input.cityId, actorName: actor.user.name },
          },
        });
      });
      const updated = await detail(actor, threadId);
      realtime.toThread(threadId, 'thread:updated', { threadId, cities: updated.cities });
      return updated;
    },

    /** Read through `seq` (clamped to the thread's last seq; never moves back). */
    async read(actor: Actor, threadId: string, input: z.output<typeof readBody>) {
      const { thread } = await requireReadableFacts(db, actor, threadId);
      const lastReadSeq = await markRead(db, threadId, actor.userId, Math.min(input.seq, thread.lastSeq));
      const state = (await readStates(db, actor.userId, [threadId])).get(threadId)!;
      realtime.toThread(threadId, 'thread:read', { threadId, userId: actor.userId, seq: lastReadSeq });
      realtime.toUser(actor.userId, 'thread:read', { threadId, userId: actor.userId, seq: lastReadSeq, unreadCount: state.unreadCount });
      return { lastReadSeq, unreadCount: state.unreadCount };
    },

    /** For `thread:join`: the thread's last seq if the actor may read it (else AppError 404). */
    async joinable(actor: Actor, threadId: string) {
      const { thread } = await requireReadableFacts(db, actor, threadId);
      return { lastSeq: thread.lastSeq };
    },
  };
}

export type ThreadsService = ReturnType<typeof createThreadsService>;
