import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { Prisma, type PracticeStatus } from '../../generated/prisma/client.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, paginate } from '../../lib/pagination.ts';
import { practicePolicy, type PracticeFacts } from '../../policies/practice.policy.ts';
import type { Principal } from '../../policies/principal.ts';
import type { Actor } from '../auth/actor.ts';
import { loadOptionalPrincipal, loadPrincipal } from '../auth/principal.ts';
import { practiceInclude, practiceSnapshot, presentPractice, presentPracticeSummary, type PracticeRow } from '../../presenters/practice.presenter.ts';
import type { createPracticeBody, updatePracticeBody } from '../../contract/practices.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { ReferenceCheck } from '../reference/reference-check.ts';
import { renderMarkdown } from './markdown.ts';
import { notifyReview } from './practice.notifications.ts';
import { TRANSITIONS, touchesIndex, type Transition } from './practice.workflow.ts';

/** What the service takes: the contract's request bodies, as validated. */
export type CreatePracticeInput = z.output<typeof createPracticeBody>;
export type UpdatePracticeInput = z.output<typeof updatePracticeBody>;

// [updatedAt ISO, id]: a forged cursor with no valid date is a 400, never an Invalid Date in the query
const cursorKey = z.tuple([z.iso.datetime({ offset: true }), z.string()]);
const toDate = (d: string | null | undefined) => (d === undefined ? undefined : d === null ? null : new Date(`${d}T00:00:00Z`));

const factsOf = (p: PracticeRow): PracticeFacts => ({
  cityId: p.cityId,
  authorId: p.authorId,
  status: p.status,
  cityNetworkIds: p.city.networks.map((n) => n.networkId),
});

/** What a reviewer has to review: in review, in a city of a network they manage (admins: every one). */
function reviewQueue(principal: Principal | null): Prisma.PracticeWhereInput {
  if (!principal) return { id: { in: [] } };
  if (principal.isAdmin) return { status: 'in_review' };
  return { status: 'in_review', city: { networks: { some: { networkId: { in: [...principal.managedNetworkIds] } } } } };
}

/**
 * Good practices: writing, the review workflow and reading. Every change bumps `version`, is kept as a
 * revision (with a snapshot of the content) and, when a published practice is concerned, writes a
 * `search.index-practice` job to the outbox in the same transaction, so the index follows every commit
 * and nothing else.
 */
export function createPracticesService({ db, refs, outbox }: { db: Db; refs: ReferenceCheck; outbox: Outbox }) {
  /** Unknown references in the input, each as a field error (all at once); route slugs resolved to ids. */
  async function checkReferences(input: { cityId?: string; language?: string; priorities?: string[]; routes?: string[] }) {
    const at = (path: string, values: string[] = []) => values.map((value, i) => ({ path: `${path}.${i}`, value }));
    const routes = input.routes ? await refs.routes(at('routes', input.routes)) : undefined;
    const errors = [
      ...(input.cityId !== undefined ? await refs.cities([{ path: 'cityId', value: input.cityId }]) : []),
      ...(input.language !== undefined ? refs.languages([{ path: 'language', value: input.language }]) : []),
      ...(await refs.priorities(at('priorities', input.priorities))),
      ...(routes?.errors ?? []),
    ];
    if (errors.length) throw badRequest('The request has invalid fields', errors);
    return { routeIds: input.routes?.map((slug) => routes!.bySlug.get(slug)!.id) };
  }

  /** A practice names a twinning of its own city (400 otherwise: the field is bad input). */
  async function checkTwinning(twinningId: string | null | undefined, cityId: string) {
    if (!twinningId) return;
    const t = await db.twinning.findUnique({ where: { id: twinningId }, select: { fromCityId: true, toCityId: true } });
    if (!t) throw badRequest('The request has invalid fields', [{ path: 'twinningId', message: 'No twinning has this id' }]);
    if (t.fromCityId !== cityId && t.toCityId !== cityId) {
      throw badRequest('The request has invalid fields', [{ path: 'twinningId', message: 'A twinning of another city: name one of this practice\'s city' }]);
    }
  }

  /** The practice if `principal` may see it; otherwise 404, so drafts do not reveal they exist. */
  async function requireVisible(principal: Principal | null, id: string, client: Db | Tx = db) {
    const practice = await client.practice.findUnique({ where: { id }, include: practiceInclude });
    if (!practice || !practicePolicy.canView(principal, factsOf(practice))) throw notFound('Practice');
    return practice;
  }

  /** Applies a change under optimistic concurrency, records the revision and, if needed, the index job. */
  async function commitChange(tx: Tx, { before, editorId, action, note, data }: {
    before: PracticeRow;
    editorId: string;
    action: string;
    note?: string;
    data: Prisma.PracticeUncheckedUpdateManyInput;
  }) {
    const version = before.version + 1;
    const { count } = await tx.practice.updateMany({ where: { id: before.id, version: before.version }, data: { ...data, version } });
    if (count === 0) throw conflict('The practice changed meanwhile: reload it and try again');
    return record(tx, { id: before.id, before: before.status, editorId, action, note });
  }

  async function record(tx: Tx, { id, before, editorId, action, note }: { id: string; before: PracticeStatus | null; editorId: string; action: string; note?: string }) {
    const after = await tx.practice.findUniqueOrThrow({ where: { id }, include: practiceInclude });
    await tx.practiceRevision.create({
      data: { practiceId: id, version: after.version, editorId, action, note: note ?? null, snapshot: practiceSnapshot(after) as object },
    });
    if (before && touchesIndex(before, after.status)) {
      await outbox.add(tx, { job: 'search.index-practice', payload: { practiceId: id }, key: `${id}-v${after.version}-${action}` });
    }
    return after;
  }

  function assertVersion(expected: number | undefined, current: PracticeRow) {
    if (expected !== undefined && expected !== current.version) {
      throw conflict(`The practice is at version ${current.version}, not ${expected}: reload it and try again`);
    }
  }

  return {
    /** The live preview: the renderer stored bodies go through, nothing stored. */
    preview: (body: string) => renderMarkdown(body),

    async create(actor: Actor, input: CreatePracticeInput) {
      const principal = await loadPrincipal(db, actor);
      const { routeIds } = await checkReferences(input);
      if (!practicePolicy.canCreate(principal, input.cityId)) throw forbidden('Only members of the city write its practices');
      await checkTwinning(input.twinningId, input.cityId);
      const practice = await db.$transaction(async (tx) => {
        const created = await tx.practice.create({
          data: {
            title: input.title,
            summary: input.summary,
            body: input.body,
            bodyHtml: renderMarkdown(input.body),
            cityId: input.cityId,
            language: input.language,
            authorId: principal.userId,
            targetGroups: input.targetGroups ?? [],
            howTo: input.howTo ?? undefined,
            budget: input.budget ?? null,
            startedOn: toDate(input.startedOn) ?? null,
            endedOn: toDate(input.endedOn) ?? null,
            outcomes: input.outcomes ?? null,
            contact: input.contact ?? null,
            twinningId: input.twinningId ?? null,
            priorities: { create: input.priorities.map((priorityCode) => ({ priorityCode })) },
            routes: { create: (routeIds ?? []).map((routeId) => ({ routeId })) },
          },
          select: { id: true },
        });
        return record(tx, { id: created.id, before: null, editorId: principal.userId, action: 'created' });
      });
      return presentPractice(practice);
    },

    async update(actor: Actor, id: string, input: UpdatePracticeInput) {
      const principal = await loadPrincipal(db, actor);
      const { routeIds } = await checkReferences(input);
      const practice = await db.$transaction(async (tx) => {
        const before = await requireVisible(principal, id, tx);
        if (!practicePolicy.canEdit(principal, factsOf(before))) {
          throw forbidden(before.status === 'draft' ? 'Only the author, the city\'s focal points and reviewers edit this draft' : 'Once submitted, only reviewers edit a practice');
        }
        if (before.status === 'archived') throw conflict('An archived practice cannot be edited; publish it again first');
        assertVersion(input.version, before);
        await checkTwinning(input.twinningId, before.cityId);
        // dates are checked against the stored value of the other end too
        const startedOn = input.startedOn === undefined ? before.startedOn : toDate(input.startedOn);
        const endedOn = input.endedOn === undefined ? before.endedOn : toDate(input.endedOn);
        if (startedOn && endedOn && startedOn > endedOn) throw badRequest('The request has invalid fields', [{ path: 'endedOn', message: 'endedOn is before startedOn' }]);
        if (input.priorities) {
          await tx.practicePriority.deleteMany({ where: { practiceId: id } });
          await tx.practicePriority.createMany({ data: input.priorities.map((priorityCode) => ({ practiceId: id, priorityCode })) });
        }
        if (routeIds) {
          await tx.practiceRoute.deleteMany({ where: { practiceId: id } });
          await tx.practiceRoute.createMany({ data: routeIds.map((routeId) => ({ practiceId: id, routeId })) });
        }
        return commitChange(tx, {
          before,
          editorId: principal.userId,
          action: 'edited',
          data: {
            title: input.title,
            summary: input.summary,
            ...(input.body !== undefined ? { body: input.body, bodyHtml: renderMarkdown(input.body) } : {}),
            language: input.language,
            targetGroups: input.targetGroups,
            howTo: input.howTo === null ? Prisma.DbNull : input.howTo,
            budget: input.budget,
            startedOn: toDate(input.startedOn),
            endedOn: toDate(input.endedOn),
            outcomes: input.outcomes,
            contact: input.contact,
            twinningId: input.twinningId,
          },
        });
      });
      return presentPractice(practice);
    },

    async transition(actor: Actor, id: string, transition: Transition, opts: { version?: number; note?: string } = {}) {
      const principal = await loadPrincipal(db, actor);
      const rule = TRANSITIONS[transition];
      const practice = await db.$transaction(async (tx) => {
        const before = await requireVisible(principal, id, tx);
        const facts = factsOf(before);
        const allowed = {
          submit: practicePolicy.canSubmit,
          publish: practicePolicy.canPublish,
          return: practicePolicy.canReturn,
          archive: practicePolicy.canArchive,
        }[transition](principal, facts);
        if (!allowed) {
          throw forbidden(transition === 'publish' || transition === 'return'
            ? 'Only managers of a network the city belongs to review practices'
            : `You may not ${transition} this practice`);
        }
        if (!rule.from.includes(before.status)) throw conflict(`A practice that is ${before.status} cannot be ${rule.action}`);
        assertVersion(opts.version, before);
        const after = await commitChange(tx, {
          before,
          editorId: principal.userId,
          action: rule.action,
          note: opts.note,
          data: { status: rule.to, ...(rule.to === 'published' ? { publishedAt: before.publishedAt ?? new Date() } : {}) },
        });
        await notifyReview(tx, outbox, transition, principal.userId, after, opts.note);
        return after;
      });
      return presentPractice(practice);
    },

    async get(actor: Actor | null, id: string) {
      const principal = await loadOptionalPrincipal(db, actor);
      return presentPractice(await requireVisible(principal, id));
    },

    async revisions(actor: Actor, id: string) {
      const principal = await loadPrincipal(db, actor);
      const practice = await requireVisible(principal, id);
      if (!practicePolicy.canSeeHistory(principal, factsOf(practice))) throw forbidden('Only the city, the author and reviewers see the history');
      const rows = await db.practiceRevision.findMany({
        where: { practiceId: id },
        orderBy: { version: 'desc' },
        select: { id: true, version: true, action: true, note: true, createdAt: true, editor: { select: { id: true, name: true } } },
      });
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },

    /** Published practices for everyone, plus the unpublished ones the principal may see; newest change first. */
    async list(actor: Actor | null, q: { cityId?: string; status?: PracticeStatus; priority?: string; language?: string; mine?: boolean; review?: boolean; limit: number; cursor?: string }) {
      const principal = await loadOptionalPrincipal(db, actor);
      const after = decodeCursor(q.cursor, cursorKey);
      const visible: Prisma.PracticeWhereInput[] = [{ status: 'published' }];
      if (principal?.isAdmin) visible.push({});
      else if (principal) {
        visible.push({ authorId: principal.userId });
        if (principal.cityRoles.size) visible.push({ cityId: { in: [...principal.cityRoles.keys()] } });
        if (principal.managedNetworkIds.size) visible.push({ city: { networks: { some: { networkId: { in: [...principal.managedNetworkIds] } } } } });
      }
      const where: Prisma.PracticeWhereInput = {
        AND: [
          { OR: visible },
          q.cityId ? { cityId: q.cityId } : {},
          q.status ? { status: q.status } : {},
          q.priority ? { priorities: { some: { priorityCode: q.priority } } } : {},
          q.language ? { language: q.language } : {},
          q.mine && principal ? { authorId: principal.userId } : {},
          q.review ? reviewQueue(principal) : {},
          after ? { OR: [{ updatedAt: { lt: new Date(after[0]) } }, { updatedAt: new Date(after[0]), id: { lt: after[1] } }] } : {},
        ],
      };
      const rows = await db.practice.findMany({ where, include: practiceInclude, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take: q.limit + 1 });
      const page = paginate(rows, q.limit, (r) => [r.updatedAt.toISOString(), r.id]);
      return { items: page.items.map(presentPracticeSummary), nextCursor: page.nextCursor };
    },
  };
}

export type PracticesService = ReturnType<typeof createPracticesService>;
