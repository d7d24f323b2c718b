import { type z } from 'zod';
import type { NotificationType, TwinningStatus } from '../../contract/common.ts';
import type {
  acceptBody, brokeringQuery, createTwinningBody, declineBody, endBody, listTwinningsQuery, putPlanBody, withdrawBody,
} from '../../contract/twinnings.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { AppError, badRequest, conflict, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import type { Lang } from '../../lib/lang.ts';
import { decodeCursor, paginate, timeIdCursor } from '../../lib/pagination.ts';
import { assert } from '../../policies/assert.ts';
import type { Principal } from '../../policies/principal.ts';
import { decide, OPEN_STATUSES, twinningPolicy, type Move, type TwinningFacts } from '../../policies/twinning.policy.ts';
import { eventInclude, presentEvent, presentPlan, presentTwinning, twinningInclude, type TwinningRow } from '../../presenters/twinning.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { loadPrincipal } from '../auth/principal.ts';
import type { RealtimePublisher } from '../../lib/realtime-publisher.ts';
import type { MatchingService } from '../matching/matching.service.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { ReferenceCheck } from '../reference/reference-check.ts';
import { planCalendar } from './calendar.ts';
import { checkPlan, type PlanContent } from './plan.ts';
import type { TwinningReminders } from './reminders.ts';
import { notifyTwinning, type NotifyFacts } from './twinning.notifications.ts';

type CreateInput = z.output<typeof createTwinningBody>;
type ListInput = z.output<typeof listTwinningsQuery>;
type PlanInput = z.output<typeof putPlanBody>;
type MoveInput = { accept: z.output<typeof acceptBody>; decline: z.output<typeof declineBody>; withdraw: z.output<typeof withdrawBody>; end: z.output<typeof endBody> };

const cursorKey = timeIdCursor;
const pairKey = (a: string, b: string) => [a, b].sort().join(':');
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';
const raced = () => conflict('The twinning changed meanwhile (another answer came first): reload it');
const planContent = (rev: { content: unknown } | undefined) => (rev ? (rev.content as PlanContent) : null);

/**
 * Twinnings between two cities: a focal point's request or a manager's brokered proposal, the consents
 * of both cities, the moves of the state machine (server/policies/twinning.policy.ts), the agreement
 * plan with its revisions, reminders and calendar, and the brokering board of a network.
 *
 * Every move is one transaction: a compare-and-set on `version` (so of two concurrent moves exactly
 * one commits, the other gets 409), its audit event, its notifications (outbox) and its side effects
 * (the thread on activation, reminders cancelled on end).
 */
export function createTwinningsService({ db, outbox, refs, matching, reminders, publicUrl, realtime, now = () => new Date() }: {
  db: Db;
  outbox: Outbox;
  refs: Pick<ReferenceCheck, 'priorities'>;
  matching: Pick<MatchingService, 'mutualPair' | 'mutualAmong'>;
  reminders: TwinningReminders;
  publicUrl: string;
  /** `twinning:updated` after each committed move, to the members of both cities and the broker */
  realtime?: Pick<RealtimePublisher, 'toUser'>;
  now?: () => Date;
}) {
  /** Tells the open pages of everyone concerned that the twinning moved (after the commit; best effort). */
  async function announce(id: string) {
    if (!realtime) return;
    try {
      const t = await db.twinning.findUnique({ where: { id }, select: { id: true, status: true, version: true, fromCityId: true, toCityId: true, requestedById: true } });
      if (!t) return;
      const members = await db.cityMembership.findMany({ where: { cityId: { in: [t.fromCityId, t.toCityId] } }, select: { userId: true } });
      const userIds = [...new Set([t.requestedById, ...members.map((m) => m.userId)])];
      realtime.toUser(userIds, 'twinning:updated', { twinningId: t.id, status: t.status, version: t.version });
    } catch {
      // the move committed: a page that missed the event sees it when it refetches
    }
  }

  async function networksOf(cityIds: string[]) {
    const rows = await db.networkCity.findMany({ where: { cityId: { in: cityIds } }, select: { networkId: true, cityId: true } });
    return rows;
  }

  function factsOf(t: Pick<TwinningRow, 'status' | 'fromCityId' | 'toCityId' | 'requestedById' | 'brokeredByNetworkId' | 'consents'>, cityNetworkIds: string[]): TwinningFacts {
    return {
      status: t.status as TwinningStatus,
      fromCityId: t.fromCityId,
      toCityId: t.toCityId,
      requestedById: t.requestedById,
      brokerNetworkId: t.brokeredByNetworkId,
      pendingCityIds: t.consents.filter((c) => !c.consentedAt).map((c) => c.cityId),
      cityNetworkIds,
    };
  }

  /** The twinning as the actor may see it (404 when they may not: its existence is private too). */
  async function load(actor: Actor, id: string) {
    const [t, principal] = await Promise.all([
      db.twinning.findUnique({ where: { id }, include: twinningInclude }),
      loadPrincipal(db, actor),
    ]);
    if (!t) throw notFound('Twinning');
    const cityNetworkIds = [...new Set((await networksOf([t.fromCityId, t.toCityId])).map((r) => r.networkId))];
    const facts = factsOf(t, cityNetworkIds);
    if (!twinningPolicy.canView(principal, facts)) throw notFound('Twinning');
    return { t, principal, facts };
  }

  async function detail(actor: Actor, id: string) {
    const { t, principal, facts } = await load(actor, id);
    const [events, latest, revisionCount] = await Promise.all([
      db.twinningEvent.findMany({ where: { twinningId: id }, include: eventInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      db.twinningPlanRevision.findFirst({ where: { twinningId: id }, orderBy: { revision: 'desc' }, include: { editor: { select: { id: true, name: true } } } }),
      db.twinningPlanRevision.count({ where: { twinningId: id } }),
    ]);
    return {
      ...presentTwinning(t, twinningPolicy.can(principal, facts)),
      events: events.map(presentEvent),
      plan: latest ? presentPlan(latest, revisionCount, checkPlan(latest.content as PlanContent, [t.fromCityId, t.toCityId]).warnings) : null,
    };
  }

  async function actorName(tx: Tx, userId: string) {
    return (await tx.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? null;
  }

  const notifyFacts = (t: TwinningRow, version: number): NotifyFacts => ({
    id: t.id, version, fromCityId: t.fromCityId, toCityId: t.toCityId, fromCityName: t.fromCity.name, toCityName: t.toCity.name,
    brokerId: t.brokeredByNetworkId ? t.requestedById : null,
  });

  /** Which network brokers a manager's proposal: the one named, or the only one they manage that has both cities. */
  function brokerNetwork(principal: Principal, input: CreateInput, memberships: { networkId: string; cityId: string }[]) {
    const common = [...new Set(memberships.filter((m) => m.cityId === input.fromCityId).map((m) => m.networkId))]
      .filter((n) => memberships.some((m) => m.cityId === input.toCityId && m.networkId === n));
    if (input.networkId !== undefined) {
      assert(twinningPolicy.canPropose(principal, input.networkId), 'Only a manager of that network brokers in its name');
      if (!common.includes(input.networkId)) throw forbidden('Both cities must belong to the brokering network');
      return input.networkId;
    }
    const mine = common.filter((n) => twinningPolicy.canPropose(principal, n));
    if (mine.length === 0) throw forbidden('Only a focal point of the requesting city, or a manager of a network both cities belong to, may propose a twinning');
    if (mine.length > 1) throw badRequest('The request has invalid fields', [{ path: 'networkId', message: 'You manage several networks with both cities: name the one brokering' }]);
    return mine[0];
  }

  async function create(actor: Actor, input: CreateInput, lang: Lang) {
    const errors: FieldError[] = [];
    if (input.fromCityId === input.toCityId) errors.push({ path: 'toCityId', message: 'A city cannot twin with itself' });
    const cities = await db.city.findMany({ where: { id: { in: [input.fromCityId, input.toCityId] } }, select: { id: true, name: true } });
    if (!cities.some((c) => c.id === input.fromCityId)) errors.push({ path: 'fromCityId', message: 'No city has this id' });
    if (!cities.some((c) => c.id === input.toCityId)) errors.push({ path: 'toCityId', message: 'No city has this id' });
    errors.push(...await refs.priorities(input.themes.map((value, i) => ({ path: `themes.${i}`, value }))));
    if (errors.length) throw badRequest('The request has invalid fields', errors);

    const principal = await loadPrincipal(db, actor);
    const brokered = input.networkId !== undefined || input.note !== undefined || !twinningPolicy.canRequest(principal, input.fromCityId);
    const networkId = brokered ? brokerNetwork(principal, input, await networksOf([input.fromCityId, input.toCityId])) : null;

    const open = await db.twinning.findFirst({ where: { openPairKey: pairKey(input.fromCityId, input.toCityId) }, select: { id: true, status: true } });
    if (open) throw conflict(`These cities already have a twinning that is ${open.status} (${open.id})`);
    const match = await matching.mutualPair(input.fromCityId, input.toCityId, lang);
    const status: TwinningStatus = brokered ? 'proposed' : 'requested';
    const at = now();
    let id: string;
    try {
      id = await db.$transaction(async (tx) => {
        const t = await tx.twinning.create({
          data: {
            fromCityId: input.fromCityId, toCityId: input.toCityId, themes: input.themes, message: input.message, status,
            requestedById: actor.userId, brokeredByNetworkId: networkId, brokerNote: brokered ? input.note ?? null : null,
            matchScore: match?.score ?? null, reasons: (match?.reasons ?? []) as Prisma.InputJsonValue,
            consents: {
              create: [
                brokered ? { cityId: input.fromCityId } : { cityId: input.fromCityId, consentedAt: at, consentedById: actor.userId },
                { cityId: input.toCityId },
              ],
            },
            events: {
              create: {
                actorId: actor.userId, kind: brokered ? 'propose' : 'request', cityId: brokered ? null : input.fromCityId,
                fromStatus: null, toStatus: status, reason: brokered ? input.note ?? null : input.message || null, createdAt: at,
              },
            },
          },
          include: twinningInclude,
        });
        await notifyTwinning(tx, outbox, [brokered ? 'twinning.proposed' : 'twinning.requested'], notifyFacts(t, t.version), {
          actorId: actor.userId, actorName: await actorName(tx, actor.userId), actingCityId: brokered ? null : input.fromCityId,
        });
        return t.id;
      });
    } catch (err) {
      // the unique open pair key: another request for the pair committed between the check and here
      if (isUniqueViolation(err)) throw conflict('These cities already have an open or active twinning');
      throw err;
    }
    await announce(id);
    return detail(actor, id);
  }

  async function move<M extends Move>(actor: Actor, id: string, m: M, input: MoveInput[M]) {
    const { t, principal, facts } = await load(actor, id);
    if (input.version !== undefined && input.version !== t.version) throw raced();
    const cityId = 'cityId' in input ? input.cityId : undefined;
    const d = decide(principal, facts, m, cityId);
    if (!d.ok) {
      // `load` reads the row and its consents in separate statements: a move committed in between can
      // look like "your city already answered"; that is a race lost (409), not a refusal
      const current = await db.twinning.findUnique({ where: { id }, select: { version: true } });
      if (current && current.version !== t.version) throw raced();
      throw d.status === 409 ? conflict(d.message) : forbidden(d.message);
    }
    const reason = 'reason' in input ? input.reason ?? null : null;
    const at = now();

    await db.$transaction(async (tx) => {
      const data: Prisma.TwinningUpdateManyMutationInput = { status: d.to, version: { increment: 1 } };
      if (d.activates) data.activatedAt = at;
      if (d.to === 'declined' || d.to === 'withdrawn' || d.to === 'ended') data.closedAt = at;
      if (m === 'end') {
        data.endReason = reason;
        data.outcome = (input as MoveInput['end']).outcome;
      }
      // compare-and-set: of two moves that read the same version, one updates the row, the other none
      const { count } = await tx.twinning.updateMany({ where: { id, version: t.version }, data });
      if (count === 0) throw raced();
      const version = t.version + 1;
      if (m === 'accept') {
        await tx.twinningConsent.update({ where: { twinningId_cityId: { twinningId: id, cityId: d.cityId! } }, data: { consentedAt: at, consentedById: actor.userId } });
      }
      const events: Prisma.TwinningEventCreateManyInput[] = [{
        twinningId: id, actorId: actor.userId, kind: m, cityId: d.cityId, fromStatus: t.status, toStatus: d.activates ? t.status : d.to, reason, createdAt: at,
      }];
      if (d.activates) {
        events.push({ twinningId: id, actorId: actor.userId, kind: 'activate', cityId: null, fromStatus: t.status, toStatus: 'active', reason: null, createdAt: new Date(at.getTime() + 1) });
      }
      await tx.twinningEvent.createMany({ data: events });
      const types: NotificationType[] = m === 'accept'
        ? (d.activates ? ['twinning.accepted', 'twinning.activated'] : ['twinning.accepted'])
        : m === 'decline' ? ['twinning.declined'] : m === 'withdraw' ? ['twinning.withdrawn'] : ['twinning.ended'];
      await notifyTwinning(tx, outbox, types, notifyFacts(t, version), { actorId: actor.userId, actorName: await actorName(tx, actor.userId), actingCityId: d.cityId, reason });
      if (d.activates) await openThread(tx, t, actor.userId);
      if (m === 'end') await reminders.cancel(tx, id);
    }).catch((err: unknown) => {
      if (err instanceof AppError) throw err;
      if (isUniqueViolation(err)) throw raced();
      throw err;
    });
    await announce(id);
    return detail(actor, id);
  }

  /** The active twinning's own thread between the two cities (in the activating transaction). */
  async function openThread(tx: Tx, t: TwinningRow, actorId: string) {
    await tx.thread.create({
      data: {
        title: `Twinning ${t.fromCity.name} – ${t.toCity.name}`, createdById: actorId, twinningId: t.id,
        cities: { create: [{ cityId: t.fromCityId }, { cityId: t.toCityId }] },
      },
    });
  }

  async function list(actor: Actor, query: ListInput) {
    const principal = await loadPrincipal(db, actor);
    const mine = [...principal.cityRoles.keys()];
    const focal = [...principal.cityRoles].filter(([, r]) => r === 'focal_point').map(([c]) => c);
    const managed = [...principal.managedNetworkIds];
    const visible: Prisma.TwinningWhereInput = principal.isAdmin ? {} : {
      OR: [
        { requestedById: actor.userId },
        { fromCityId: { in: mine } },
        { toCityId: { in: mine } },
        { fromCity: { networks: { some: { networkId: { in: managed } } } } },
        { toCity: { networks: { some: { networkId: { in: managed } } } } },
      ],
    };
    const after = decodeCursor(query.cursor, cursorKey);
    const where: Prisma.TwinningWhereInput = {
      AND: [
        visible,
        query.cityId ? { OR: [{ fromCityId: query.cityId }, { toCityId: query.cityId }] } : {},
        query.status ? { status: query.status } : {},
        query.awaitingMe ? { status: { in: ['requested', 'proposed'] }, consents: { some: { cityId: { in: focal }, consentedAt: null } } } : {},
        after ? { OR: [{ createdAt: { lt: new Date(after[0]) } }, { createdAt: new Date(after[0]), id: { lt: after[1] } }] } : {},
      ],
    };
    const rows = await db.twinning.findMany({ where, include: twinningInclude, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
    const page = paginate(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
    const memberships = await networksOf([...new Set(page.items.flatMap((t) => [t.fromCityId, t.toCityId]))]);
    return {
      items: page.items.map((t) => {
        const nets = [...new Set(memberships.filter((m) => m.cityId === t.fromCityId || m.cityId === t.toCityId).map((m) => m.networkId))];
        return presentTwinning(t, twinningPolicy.can(principal, factsOf(t, nets)));
      }),
      nextCursor: page.nextCursor,
    };
  }

  async function putPlan(actor: Actor, id: string, input: PlanInput) {
    const { t, principal } = await load(actor, id);
    if (t.status !== 'active') throw conflict(`The plan is edited while the twinning is active (it is ${t.status})`);
    assert(twinningPolicy.canEditPlan(principal, t), 'Only focal points of the two cities edit the plan');
    const content: PlanContent = {
      objectives: input.objectives, themes: input.themes ?? t.themes, activities: input.activities, visits: input.visits, indicators: input.indicators,
    };
    const { errors, warnings } = checkPlan(content, [t.fromCityId, t.toCityId]);
    if (input.themes) errors.push(...await refs.priorities(input.themes.map((value, i) => ({ path: `themes.${i}`, value }))));
    if (errors.length) throw badRequest('The plan has invalid fields', errors);
    const names = new Map([[t.fromCityId, t.fromCity.name], [t.toCityId, t.toCity.name]]);
    await db.$transaction(async (tx) => {
      // the row lock orders plan saves against each other and against the end of the twinning
      const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM twinnings WHERE id = ${id} FOR UPDATE`;
      if (row?.status !== 'active') throw conflict('The twinning is no longer active');
      const latest = await tx.twinningPlanRevision.findFirst({ where: { twinningId: id }, orderBy: { revision: 'desc' }, select: { revision: true } });
      const current = latest?.revision ?? 0;
      if (input.baseRevision !== undefined && input.baseRevision !== current) throw conflict(`The plan changed meanwhile (revision ${current}): reload it`);
      await tx.twinningPlanRevision.create({ data: { twinningId: id, revision: current + 1, content: content as Prisma.InputJsonValue, editorId: actor.userId } });
      await reminders.schedule(tx, id, content, (c) => names.get(c) ?? '', now());
    });
    const [latest, revisionCount] = await Promise.all([
      db.twinningPlanRevision.findFirstOrThrow({ where: { twinningId: id }, orderBy: { revision: 'desc' }, include: { editor: { select: { id: true, name: true } } } }),
      db.twinningPlanRevision.count({ where: { twinningId: id } }),
    ]);
    return presentPlan(latest, revisionCount, warnings);
  }

  async function calendar(actor: Actor, id: string) {
    const { t } = await load(actor, id);
    const latest = await db.twinningPlanRevision.findFirst({ where: { twinningId: id }, orderBy: { revision: 'desc' } });
    const names = new Map([[t.fromCityId, t.fromCity.name], [t.toCityId, t.toCity.name]]);
    const title = `${t.fromCity.name} – ${t.toCity.name}`;
    return {
      filename: `twinning-${t.id}.ics`,
      body: planCalendar({ id: t.id, title, url: `${publicUrl.replace(/\/$/, '')}/twinnings/${t.id}` }, planContent(latest ?? undefined), (c) => names.get(c) ?? c),
    };
  }

  /** Pairs of a network's cities with no open or active twinning, by mutual match score. */
  async function brokering(actor: Actor, networkId: string, query: z.output<typeof brokeringQuery>, lang: Lang) {
    const network = await db.network.findUnique({ where: { id: networkId }, select: { id: true } });
    if (!network) throw notFound('Network');
    assert(twinningPolicy.canSeeBrokering(await loadPrincipal(db, actor), networkId), 'Only the network\'s managers see its brokering board');
    const cityIds = (await db.networkCity.findMany({ where: { networkId }, select: { cityId: true } })).map((r) => r.cityId);
    const taken = new Set((await db.twinning.findMany({
      where: { status: { in: [...OPEN_STATUSES] }, fromCityId: { in: cityIds }, toCityId: { in: cityIds } },
      select: { fromCityId: true, toCityId: true },
    })).map((t) => pairKey(t.fromCityId, t.toCityId)));
    const pairs = await matching.mutualAmong(cityIds, { limit: query.limit, lang, skip: (a, b) => taken.has(pairKey(a, b)) });
    return { items: pairs.map((p) => ({ cities: p.cities, score: p.score, reasons: p.reasons })) };
  }

  return {
    create,
    get: detail,
    list,
    accept: (actor: Actor, id: string, input: MoveInput['accept']) => move(actor, id, 'accept', input),
    decline: (actor: Actor, id: string, input: MoveInput['decline']) => move(actor, id, 'decline', input),
    withdraw: (actor: Actor, id: string, input: MoveInput['withdraw']) => move(actor, id, 'withdraw', input),
    end: (actor: Actor, id: string, input: MoveInput['end']) => move(actor, id, 'end', input),
    putPlan,
    calendar,
    brokering,
  };
}

export type TwinningsService = ReturnType<typeof createTwinningsService>;
