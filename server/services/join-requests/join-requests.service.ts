import type { Db, Tx } from '../../db/client.ts';
import type { MemberRole, NotificationType } from '../../contract/common.ts';
import type { Recipient } from '../../jobs/jobs.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, paginate, timeIdCursor } from '../../lib/pagination.ts';
import { assert } from '../../policies/assert.ts';
import { joinRequestPolicy } from '../../policies/join-request.policy.ts';
import { isFocalPoint, type Principal } from '../../policies/principal.ts';
import { joinRequestInclude, presentJoinRequest } from '../../presenters/join-request.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { loadPrincipal } from '../auth/principal.ts';
import type { Outbox } from '../outbox/outbox.ts';

type Page = { limit: number; cursor?: string };
type StatusFilter = 'pending' | 'approved' | 'declined' | 'all';
const cursorKey = timeIdCursor;

/** Newest first, by (createdAt, id): a stable order for cursors. */
async function pageOf(db: Db, where: object, page: Page) {
  const after = decodeCursor(page.cursor, cursorKey);
  const rows = await db.joinRequest.findMany({
    where: after
      ? { AND: [where, { OR: [{ createdAt: { lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { lt: after[1] } }] }] }
      : where,
    include: joinRequestInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
  });
  const { items, nextCursor } = paginate(rows, page.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: items.map(presentJoinRequest), nextCursor };
}

const statusWhere = (status: StatusFilter) => (status === 'all' ? {} : { status });

/**
 * Join requests: a signed-in user asks to become a member of a city with a role; the city's focal points
 * or its networks' managers approve (the requester becomes a member with that role) or decline. Every
 * step notifies through the outbox (`notification.fanout`) in the transaction of the change.
 */
export function createJoinRequestsService({ db, outbox }: { db: Db; outbox: Outbox }) {
  async function cityWithNetworks(id: string) {
    const city = await db.city.findUnique({ where: { id }, select: { id: true, name: true, networks: { select: { networkId: true } } } });
    if (!city) throw notFound('City');
    return { id: city.id, name: city.name, networkIds: city.networks.map((n) => n.networkId) };
  }

  async function notify(tx: Tx, type: NotificationType, actorId: string, request: { id: string; cityId: string; role: MemberRole; reason?: string | null },
    cityName: string, recipients: Recipient[]) {
    const actor = await tx.user.findUnique({ where: { id: actorId }, select: { name: true } });
    const eventKey = `join-request-${request.id}-${type}`;
    await outbox.add(tx, {
      job: 'notification.fanout',
      key: eventKey,
      payload: {
        type, eventKey, actorId,
        subject: { kind: 'join_request', id: request.id },
        recipients,
        // `reason` is the fan-out's (why the recipient got it): the decline's reason is `declineReason`
        data: { title: cityName, cityId: request.cityId, role: request.role, actorName: actor?.name ?? null, ...(request.reason ? { declineReason: request.reason } : {}) },
      },
    });
  }

  /** Approve or decline: one transaction that locks the request, so two decisions never both succeed. */
  async function decide(actor: Actor, id: string, decision: 'approved' | 'declined', reason?: string) {
    const found = await db.joinRequest.findUnique({ where: { id }, select: { cityId: true, userId: true } });
    if (!found) throw notFound('Join request');
    const city = await cityWithNetworks(found.cityId);
    const principal = await loadPrincipal(db, actor);
    if (!joinRequestPolicy.canReview(principal, city.id, city.networkIds)) throw forbidden("Only the city's focal points or its networks' managers decide join requests");
    assert(joinRequestPolicy.canDecide(principal, { ...found, cityId: city.id }, city.networkIds), 'You cannot decide your own request');

    await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string; role: MemberRole }[]>`
        SELECT status::text AS status, role::text AS role FROM join_requests WHERE id = ${id} FOR UPDATE`;
      if (row.status !== 'pending') throw conflict(`This request was already ${row.status}`);
      await tx.joinRequest.update({
        where: { id },
        data: { status: decision, open: null, reason: decision === 'declined' ? reason || null : null, decidedById: actor.userId, decidedAt: new Date() },
      });
      if (decision === 'approved') {
        // a member added meanwhile gets the role they asked for
        await tx.cityMembership.upsert({
          where: { cityId_userId: { cityId: city.id, userId: found.userId } },
          create: { cityId: city.id, userId: found.userId, role: row.role },
          update: { role: row.role },
        });
      }
      await notify(tx, decision === 'approved' ? 'membership.approved' : 'membership.declined', actor.userId,
        { id, cityId: city.id, role: row.role, reason: decision === 'declined' ? reason : null }, city.name, [{ kind: 'user', userId: found.userId }]);
    });
    return presentJoinRequest(await db.joinRequest.findUniqueOrThrow({ where: { id }, include: joinRequestInclude }));
  }

  /** The cities whose requests a principal reviews, as a Prisma filter (admins: all). */
  function reviewableWhere(p: Principal) {
    if (p.isAdmin) return {};
    const focal = [...p.cityRoles].filter(([cityId]) => isFocalPoint(p, cityId)).map(([cityId]) => cityId);
    return {
      OR: [
        { cityId: { in: focal } },
        { city: { networks: { some: { networkId: { in: [...p.managedNetworkIds] } } } } },
      ],
    };
  }

  return {
    async create(actor: Actor, cityId: string, input: { role: MemberRole; message?: string }) {
      const city = await cityWithNetworks(cityId);
      const principal = await loadPrincipal(db, actor);
      if (!joinRequestPolicy.canRequest(principal, city.id)) throw conflict(`You are already a member of ${city.name}`);
      const id = await db.$transaction(async (tx) => {
        const pending = await tx.joinRequest.findFirst({ where: { cityId, userId: actor.userId, open: true }, select: { id: true } });
        if (pending) throw conflict(`You already asked to join ${city.name}; the request is pending (${pending.id})`);
        // a concurrent twin trips the unique key (city, user, open): a 409 too (problem-handler, P2002)
        const created = await tx.joinRequest.create({
          data: { cityId, userId: actor.userId, role: input.role, message: input.message || null },
          select: { id: true },
        });
        await notify(tx, 'membership.requested', actor.userId, { id: created.id, cityId, role: input.role }, city.name,
          [{ kind: 'city_focal_points', cityId }, { kind: 'city_network_managers', cityId }]);
        return created.id;
      });
      return presentJoinRequest(await db.joinRequest.findUniqueOrThrow({ where: { id }, include: joinRequestInclude }));
    },

    /** A city's requests (default: pending), for its focal points and its networks' managers. */
    async listForCity(actor: Actor, cityId: string, status: StatusFilter, page: Page) {
      const city = await cityWithNetworks(cityId);
      assert(joinRequestPolicy.canReview(await loadPrincipal(db, actor), city.id, city.networkIds),
        "Only the city's focal points or its networks' managers see its join requests");
      return pageOf(db, { cityId, ...statusWhere(status) }, page);
    },

    /** Every request the actor may decide, across their cities and networks (the client's review page). */
    async listReviewable(actor: Actor, status: StatusFilter, page: Page) {
      const principal = await loadPrincipal(db, actor);
      return pageOf(db, { AND: [reviewableWhere(principal), statusWhere(status), { userId: { not: actor.userId } }] }, page);
    },

    /** The actor's own requests (the join page shows which are pending). */
    async listMine(actor: Actor, status: StatusFilter, page: Page) {
      return pageOf(db, { userId: actor.userId, ...statusWhere(status) }, page);
    },

    approve: (actor: Actor, id: string) => decide(actor, id, 'approved'),
    decline: (actor: Actor, id: string, reason?: string) => decide(actor, id, 'declined', reason),
  };
}

export type JoinRequestsService = ReturnType<typeof createJoinRequestsService>;
