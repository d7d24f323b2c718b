import type { Db, Tx } from '../../db/client.ts';
import { assert } from '../../policies/assert.ts';
import { cityPolicy } from '../../policies/city.policy.ts';
import { managesNetwork } from '../../policies/principal.ts';
import type { Actor } from '../auth/actor.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { badRequest, conflict, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import type { Lang } from '../../lib/lang.ts';
import type { Logger } from '../../lib/logger.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy.service.ts';
import { listCities, type CityFilters } from './cities.list.ts';
import { cityDetailInclude, presentCityDetail } from '../../presenters/city.presenter.ts';
import type { ReferenceCheck } from '../reference/reference-check.ts';
import { checkCityProfile, findSameCity, insertCity, type CityProfileInput, type CreateCityInput } from './city-writes.ts';
import { ROUTE_ROLES, STANCES, type MemberRole, type RouteRole, type Stance } from '../../contract/common.ts';

export type { RouteRole, Stance };

export type { CityProfileInput, CreateCityInput };

/** Told after every committed change to a city's profile, priorities or routes (the match index listens). */
export type CityChangeListener = (cityId: string) => Promise<void>;

/** 409 when `userId` is the city's last focal point (checked under a lock, so two removals cannot both pass). */
async function keepAFocalPoint(tx: Tx, cityId: string, userId: string) {
  await tx.$queryRaw`SELECT 1 FROM cities WHERE id = ${cityId} FOR UPDATE`;
  const others = await tx.cityMembership.count({ where: { cityId, role: 'focal_point', userId: { not: userId } } });
  if (!others) throw conflict('The city needs a focal point: name another one first');
}

function fail(errors: FieldError[]) {
  if (errors.length) throw badRequest('The request has invalid values', errors);
}

export function createCitiesService({ db, taxonomy, refs, logger, onChange = [] }: {
  db: Db; taxonomy: TaxonomyService; refs: ReferenceCheck; logger: Logger; onChange?: CityChangeListener[];
}) {
  async function changed(cityId: string) {
    // The write is committed: a listener failing must not turn it into an error for the client.
    for (const listener of onChange) {
      await listener(cityId).catch((err) => logger.error({ err, cityId }, 'city change listener failed'));
    }
  }

  async function priorityOrder() {
    const { principles } = await taxonomy.load();
    return new Map(principles.flatMap((p) => p.priorities).map((q, i) => [q.code, i]));
  }

  /** The city with the networks it belongs to (what the policies need), or 404. */
  async function requireCity(id: string) {
    const city = await db.city.findUnique({ where: { id }, select: { id: true, networks: { select: { networkId: true } } } });
    if (!city) throw notFound('City');
    return { id: city.id, networkIds: city.networks.map((n) => n.networkId) };
  }

  /** 404 for an unknown city, then 403 unless the actor may edit it (or add its members). */
  async function authorizeEdit(actor: Actor, cityId: string, rule: 'canEdit' | 'canAddMember' = 'canEdit') {
    const city = await requireCity(cityId);
    const principal = await loadPrincipal(db, actor);
    assert(cityPolicy[rule](principal, city.id, city.networkIds),
      rule === 'canEdit' ? "Only the city's focal point or a manager of one of its networks can edit it"
        : "Only the city's focal point or a manager of one of its networks can add members");
  }

  const checkProfile = (input: CityProfileInput) => checkCityProfile(refs, input);

  return {
    async detail(id: string, lang: Lang) {
      const city = await db.city.findUnique({ where: { id }, include: cityDetailInclude });
      if (!city) throw notFound('City');
      return presentCityDetail(city, lang, await priorityOrder());
    },

    async list(filters: CityFilters, page: { limit: number; cursor?: string }) {
      return listCities({ db, refs }, filters, page);
    },

    /**
     * Creates a city in the given networks. A network manager may only place a city in networks they
     * manage (and must place it in one, or nobody but an admin could ever manage it).
     */
    async create(actor: Actor, input: CreateCityInput, lang: Lang) {
      const principal = await loadPrincipal(db, actor);
      assert(cityPolicy.canCreate(principal), 'Only network managers and platform admins create cities');
      const networkIds = [...new Set(input.networkIds ?? [])];
      const nets = await refs.networks(networkIds.map((value, i) => ({ path: `networkIds.${i}`, value })));
      const errors = [...(await checkProfile(input)), ...nets.errors];
      if (!networkIds.length && !principal.isAdmin) {
        errors.push({ path: 'networkIds', message: 'Choose at least one network you manage' });
      }
      fail(errors);
      const resolved = networkIds.map((v) => nets.idOf.get(v)!);
      const denied = resolved.filter((id) => !managesNetwork(principal, id));
      if (denied.length) throw forbidden(`You do not manage network ${denied.join(', ')}`);

      const duplicate = await findSameCity(db, input);
      if (duplicate) throw conflict(`${input.name} (${input.country}) already exists: ${duplicate.id}`);

      const city = { id: await insertCity(db, input, resolved) };
      await changed(city.id);
      return this.detail(city.id, lang);
    },

    async update(actor: Actor, id: string, input: CityProfileInput, lang: Lang) {
      await authorizeEdit(actor, id);
      fail(await checkProfile(input));
      const { country, languages, ...rest } = input;
      await db.city.update({
        where: { id },
        data: {
          ...rest,
          ...(country !== undefined ? { countryCode: country } : {}),
          ...(languages !== undefined ? { languages: [...new Set(languages)] } : {}),
        },
      });
      await changed(id);
      return this.detail(id, lang);
    },

    /** Replaces the city's priorities: every code and stance is checked first; all or nothing. */
    async setPriorities(actor: Actor, id: string, items: { code: string; stance: string }[], lang: Lang) {
      await authorizeEdit(actor, id);
      const errors = [
        ...(await refs.priorities(items.map((p, i) => ({ path: `priorities.${i}.code`, value: p.code })))),
        ...refs.oneOf(items.map((p, i) => ({ path: `priorities.${i}.stance`, value: p.stance })), STANCES, 'stance'),
      ];
      const seen = new Map<string, number>();
      items.forEach((p, i) => {
        if (seen.has(p.code)) errors.push({ path: `priorities.${i}.code`, message: `Priority "${p.code}" is listed twice (also at priorities.${seen.get(p.code)})` });
        else seen.set(p.code, i);
      });
      fail(errors);
      await db.$transaction(async (tx) => {
        // two replacements of one city at once run one after the other, not into each other's rows
        await tx.$queryRaw`SELECT 1 FROM cities WHERE id = ${id} FOR UPDATE`;
        await tx.cityPriority.deleteMany({ where: { cityId: id } });
        if (items.length) await tx.cityPriority.createMany({ data: items.map((p) => ({ cityId: id, priorityCode: p.code, stance: p.stance as Stance })) });
        await tx.city.update({ where: { id }, data: { updatedAt: new Date() } });
      });
      await changed(id);
      return this.detail(id, lang);
    },

    /** Replaces the city's route roles (a city may hold several routes, and several roles on one). */
    async setRoutes(actor: Actor, id: string, items: { route: string; role: string }[], lang: Lang) {
      await authorizeEdit(actor, id);
      const { bySlug, errors } = await refs.routes(items.map((r, i) => ({ path: `routes.${i}.route`, value: r.route })));
      fail([...errors, ...refs.oneOf(items.map((r, i) => ({ path: `routes.${i}.role`, value: r.role })), ROUTE_ROLES, 'role')]);
      const rows = new Map(items.map((r) => [`${r.route}|${r.role}`, { cityId: id, routeId: bySlug.get(r.route)!.id, role: r.role as RouteRole }]));
      await db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM cities WHERE id = ${id} FOR UPDATE`;
        await tx.cityRoute.deleteMany({ where: { cityId: id } });
        if (rows.size) await tx.cityRoute.createMany({ data: [...rows.values()] });
        await tx.city.update({ where: { id }, data: { updatedAt: new Date() } });
      });
      await changed(id);
      return this.detail(id, lang);
    },

    /** Adds a member (by user id, or the e-mail of an existing account), or changes the role of an existing one. */
    async addMember(actor: Actor, id: string, who: { userId?: string; email?: string }, role: MemberRole) {
      await authorizeEdit(actor, id, 'canAddMember');
      const user = await db.user.findUnique({
        where: who.userId !== undefined ? { id: who.userId } : { email: who.email! }, select: { id: true, name: true, email: true },
      });
      if (!user) {
        throw badRequest('No such user', [who.userId !== undefined
          ? { path: 'userId', message: `No user has the id "${who.userId}"` }
          : { path: 'email', message: 'No account has this e-mail: ask them to register first' }]);
      }
      const userId = user.id;
      const m = await db.$transaction(async (tx) => {
        const existing = await tx.cityMembership.findUnique({ where: { cityId_userId: { cityId: id, userId } }, select: { role: true } });
        if (existing?.role === 'focal_point' && role !== 'focal_point') await keepAFocalPoint(tx, id, userId);
        const row = await tx.cityMembership.upsert({ where: { cityId_userId: { cityId: id, userId } }, create: { cityId: id, userId, role }, update: { role } });
        return { row, created: !existing };
      });
      return { created: m.created, member: { cityId: id, userId, name: user.name, email: user.email, role: m.row.role, since: m.row.createdAt.toISOString() } };
    },

    /** The city's members (focal points first): its members and those who manage it; e-mails only to the latter. */
    async listMembers(actor: Actor, id: string) {
      const city = await requireCity(id);
      const principal = await loadPrincipal(db, actor);
      const manages = cityPolicy.canAddMember(principal, city.id, city.networkIds);
      assert(manages || cityPolicy.canActFor(principal, city.id), "Only the city's members and those who manage it see its members");
      const rows = await db.cityMembership.findMany({
        where: { cityId: id }, include: { user: { select: { name: true, email: true } } }, orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
      });
      return {
        items: rows.map((m) => ({
          cityId: id, userId: m.userId, name: m.user.name, role: m.role, since: m.createdAt.toISOString(), ...(manages ? { email: m.user.email } : {}),
        })),
      };
    },

    /** Removes a member (404 if they are not one); the city keeps at least one focal point. */
    async removeMember(actor: Actor, id: string, userId: string) {
      await authorizeEdit(actor, id, 'canAddMember');
      await db.$transaction(async (tx) => {
        const existing = await tx.cityMembership.findUnique({ where: { cityId_userId: { cityId: id, userId } }, select: { role: true } });
        if (!existing) throw notFound('Member');
        if (existing.role === 'focal_point') await keepAFocalPoint(tx, id, userId);
        await tx.cityMembership.delete({ where: { cityId_userId: { cityId: id, userId } } });
      });
    },
  };
}

export type CitiesService = ReturnType<typeof createCitiesService>;
