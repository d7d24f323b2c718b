import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MatchingConfig } from '../../config/matching.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, notFound, type FieldError } from '../../lib/errors.ts';
import { pick, type Lang } from '../../lib/lang.ts';
import type { Logger } from '../../lib/logger.ts';
import type { TaxonomyService } from '../taxonomy/taxonomy.service.ts';
import { fillIndex, loadCity } from './loader.ts';
import { MatchIndex, ROLES, type Role } from './match-index.ts';
import { describe, explainPair } from './reasons.ts';
import { compileWeights, OUT, pairScore } from './score.ts';
import { topK, type CandidateFilter } from './top-k.ts';

export type MatchOptions = { limit: number; route?: string; role?: string; priority?: string; includeTwinned?: boolean; lang: Lang };

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Peer matching over an in-process index of every city (see docs/matching.md). The index is built
 * from the database on first use and kept fresh one city at a time: the cities service calls
 * `cityChanged` after each committed change, which reloads that city's slot here and publishes the
 * id on Redis so every other API node reloads it too. An index older than `rebuildAfterMs`, or one
 * that may have missed messages (Redis reconnected), is rebuilt in the background while the old one
 * keeps serving.
 */
export function createMatchingService({ db, databaseUrl, redis, taxonomy, logger, config, channel = 'matching:invalidate', nearbyKm = 300 }: {
  db: Db;
  /** for the bulk load over a plain pg connection (see loader.ts); without it, Prisma reads the pages */
  databaseUrl?: string;
  redis?: Redis;
  taxonomy: TaxonomyService;
  logger: Logger;
  config: MatchingConfig;
  channel?: string;
  /** reasons call two cities "nearby" only up to this distance (env NEARBY_KM) */
  nearbyKm?: number;
}) {
  const weights = compileWeights(config);
  const nodeId = randomUUID();
  let current: MatchIndex | undefined;
  let building: Promise<MatchIndex> | undefined;
  /** ids invalidated while a build runs: replayed on the new index before it is swapped in */
  let pending: Set<string> | null = null;
  let stale = false;
  let sub: Redis | undefined;
  /** per-city refresh chains: two refreshes of one city never finish out of order */
  const refreshing = new Map<string, Promise<void>>();
  /** route id → slug and name in `lang`, for reasons; read per request (routes can be renamed, and there are few) */
  async function routesById(ids: string[], lang: Lang) {
    if (!ids.length) return new Map<string, { slug: string; name: string }>();
    const rows = await db.route.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, slug: true, name: true, names: true } });
    return new Map(rows.map((r) => [r.id, { slug: r.slug, name: pick(r.names, lang) || r.name }]));
  }

  async function refreshIn(ix: MatchIndex, id: string) {
    const city = await loadCity(db, id);
    if (!city) ix.remove(id);
    else if (!ix.upsert(city)) stale = true; // a priority or route it has no bit for: rebuild soon
  }

  function invalidate(id: string): Promise<void> {
    pending?.add(id);
    const ix = current;
    if (!ix) return Promise.resolve();
    const next = (refreshing.get(id) ?? Promise.resolve()).then(() => refreshIn(ix, id));
    const tail = next.catch((err) => {
      stale = true;
      logger.error({ err, cityId: id }, 'match index: reloading a city failed');
    });
    refreshing.set(id, tail);
    void tail.then(() => {
      if (refreshing.get(id) === tail) refreshing.delete(id);
    });
    return tail;
  }

  async function build(): Promise<MatchIndex> {
    const started = Date.now();
    pending = new Set();
    try {
      const { principles } = await taxonomy.load();
      const codes = principles.flatMap((p) => p.priorities.map((q) => q.code));
      const routeIds = (await db.route.findMany({ select: { id: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((r) => r.id);
      const ix = new MatchIndex(codes, routeIds, (await db.city.count()) + 256);
      // a city using a code the index has no bit for (taxonomy or routes changed meanwhile): rebuild soon
      const complete = await fillIndex(ix, { db, databaseUrl });
      while (pending.size) {
        const ids = [...pending];
        pending.clear();
        for (const id of ids) await refreshIn(ix, id);
      }
      stale = !complete;
      // swapped in while `pending` is still collecting: no invalidation can fall between the two
      current = ix;
      logger.info({ cities: ix.size, ms: Date.now() - started, bytes: ix.bytes }, 'match index built');
      return ix;
    } finally {
      pending = null;
    }
  }

  function startBuild(): Promise<MatchIndex> {
    building ??= build().then(
      (ix) => {
        building = undefined;
        return ix;
      },
      (err) => {
        building = undefined;
        throw err;
      },
    );
    return building;
  }

  function subscribe() {
    if (sub || !redis) return;
    sub = redis.duplicate();
    let connectedBefore = false;
    sub.on('ready', () => {
      // messages published while disconnected are lost: rebuild from the database
      if (connectedBefore) stale = true;
      connectedBefore = true;
    });
    sub.on('error', (err) => logger.warn({ err }, 'match index subscriber error'));
    sub.on('message', (_channel: string, message: string) => {
      try {
        const { cityId, node } = JSON.parse(message) as { cityId: string; node: string };
        if (node !== nodeId && typeof cityId === 'string') void invalidate(cityId);
      } catch {
        logger.warn({ message }, 'match index: unreadable invalidation');
      }
    });
    sub.subscribe(channel).catch((err) => logger.error({ err }, 'match index: subscribe failed'));
  }

  async function index(): Promise<MatchIndex> {
    subscribe();
    if (!current) return startBuild();
    if (stale || Date.now() - current.builtAt > config.rebuildAfterMs) {
      startBuild().catch((err) => logger.error({ err }, 'match index: background rebuild failed'));
    }
    return current;
  }

  async function filterFor(ix: MatchIndex, opts: MatchOptions): Promise<CandidateFilter> {
    const errors: FieldError[] = [];
    const filter: CandidateFilter = {};
    if (opts.priority !== undefined) {
      const bit = ix.priorityBit.get(opts.priority);
      if (bit === undefined) errors.push({ path: 'priority', message: `Unknown priority "${opts.priority}": see GET /api/taxonomy for the codes` });
      else filter.priorityBit = bit;
    }
    if (opts.route !== undefined) {
      const route = await db.route.findUnique({ where: { slug: opts.route }, select: { id: true } });
      if (!route) errors.push({ path: 'route', message: `Unknown route "${opts.route}": see GET /api/routes for the slugs` });
      // a route no city has joined since the index was built: nobody can be on it
      else filter.routeBit = ix.routeBit.get(route.id) ?? -1;
    }
    if (opts.role !== undefined) {
      const role = ROLES.indexOf(opts.role as Role);
      if (role < 0) errors.push({ path: 'role', message: `Unknown role "${opts.role}": use ${ROLES.join(', ')}` });
      else filter.role = role;
    }
    if (errors.length) throw badRequest('Unknown filter values', errors);
    return filter;
  }

  /** Reads what reasons need (names, routes, labels) once for many pairs; then describes each pair. */
  async function describer(cityIds: string[], facts: ReturnType<typeof explainPair>, lang: Lang) {
    const routeIds = facts.flatMap((f) => (f.kind === 'route' ? f.data.routeIds : []));
    const [cities, routeById, { principles }] = await Promise.all([
      db.city.findMany({ where: { id: { in: [...new Set(cityIds)] } }, select: { id: true, name: true, countryCode: true } }),
      routesById(routeIds, lang),
      taxonomy.load(),
    ]);
    const cityById = new Map(cities.map((c) => [c.id, c]));
    const labelOf = new Map(principles.flatMap((p) => p.priorities).map((q) => [q.code, pick(q.label, lang)]));
    return (a: string, b: string, pairFacts: ReturnType<typeof explainPair>) => {
      const ca = cityById.get(a), cb = cityById.get(b);
      if (!ca || !cb) return null; // deleted meanwhile
      const list = describe(pairFacts, {
        lang, sourceName: ca.name, candidateName: cb.name, nearbyKm,
        routeOf: (id) => routeById.get(id), priorityLabel: (code) => labelOf.get(code) ?? code,
      });
      const ref = (c: typeof ca) => ({ id: c.id, name: c.name, country: c.countryCode });
      return { list, cities: [ref(ca), ref(cb)] as [ReturnType<typeof ref>, ReturnType<typeof ref>] };
    };
  }

  return {
    /** Builds the index now rather than on the first request (e.g. at start, or in a benchmark). */
    warm: () => index(),

    /** The index as it is (for diagnostics and the benchmark). */
    peek: () => current,

    /** Reload one city here and on every other node. Call after a committed change. */
    async cityChanged(cityId: string) {
      await invalidate(cityId);
      await redis?.publish(channel, JSON.stringify({ cityId, node: nodeId }));
    },

    /** The best peers for a city, with the reasons behind each score. */
    async matchesFor(cityId: string, opts: MatchOptions) {
      const ix = await index();
      let source = ix.slotOf.get(cityId);
      if (source === undefined || ix.alive[source] === 0) {
        // created behind this node's back (a seed, another tool): look once before saying 404
        await refreshIn(ix, cityId);
        source = ix.slotOf.get(cityId);
        if (source === undefined || ix.alive[source] === 0) throw notFound('City');
      }
      const filter = await filterFor(ix, opts);
      if (filter.routeBit === -1) return { items: [] };
      if (!opts.includeTwinned) {
        const twins = await db.twinning.findMany({
          where: { status: 'active', OR: [{ fromCityId: cityId }, { toCityId: cityId }] },
          select: { fromCityId: true, toCityId: true },
        });
        filter.exclude = twins.map((t) => ix.slotOf.get(t.fromCityId === cityId ? t.toCityId : t.fromCityId)).filter((s) => s !== undefined);
      }

      // ranking and explanation in one synchronous stretch: no index update can fall between them
      const out = new Float64Array(OUT.length);
      const ranked = topK(ix, source, weights, opts.limit, filter).map(({ slot }) => {
        const score = pairScore(ix, source, slot, weights, out);
        return { id: ix.ids[slot], score, facts: explainPair(ix, source, slot, out) };
      });

      const routeIds = ranked.flatMap((r) => r.facts.flatMap((f) => (f.kind === 'route' ? f.data.routeIds : [])));
      const [cities, routeById, { principles }] = await Promise.all([
        db.city.findMany({ where: { id: { in: [cityId, ...ranked.map((r) => r.id)] } }, select: { id: true, name: true, countryCode: true } }),
        routesById(routeIds, opts.lang),
        taxonomy.load(),
      ]);
      const cityById = new Map(cities.map((c) => [c.id, c]));
      const labelOf = new Map(principles.flatMap((p) => p.priorities).map((q) => [q.code, pick(q.label, opts.lang)]));
      const sourceName = cityById.get(cityId)?.name ?? '';
      return {
        items: ranked.flatMap((r) => {
          const city = cityById.get(r.id);
          if (!city) return []; // deleted between ranking and now
          return [{
            city: { id: city.id, name: city.name, country: city.countryCode },
            score: round4(r.score),
            reasons: describe(r.facts, {
              lang: opts.lang,
              sourceName,
              candidateName: city.name,
              routeOf: (id) => routeById.get(id),
              priorityLabel: (code) => labelOf.get(code) ?? code,
              nearbyKm,
            }),
          }];
        }),
      };
    },

    /**
     * Pairs of `cityIds` ranked by mutual score: the mean of both directions (a→b and b→a), best first,
     * with the reasons of a→b. `skip` leaves pairs out (e.g. those already twinned); pairs scoring 0 are left out.
     */
    async mutualAmong(cityIds: string[], opts: { limit: number; lang: Lang; skip?: (a: string, b: string) => boolean }) {
      const ix = await index();
      for (const id of cityIds) if (!ix.slotOf.has(id)) await refreshIn(ix, id);
      const slots = [...new Set(cityIds)].map((id) => ix.slotOf.get(id)).filter((s): s is number => s !== undefined && ix.alive[s] === 1);
      const best: { a: number; b: number; score: number }[] = [];
      for (let i = 0; i < slots.length; i++) {
        for (let j = i + 1; j < slots.length; j++) {
          const [a, b] = ix.ids[slots[i]] < ix.ids[slots[j]] ? [slots[i], slots[j]] : [slots[j], slots[i]];
          if (opts.skip?.(ix.ids[a], ix.ids[b])) continue;
          const score = (pairScore(ix, a, b, weights) + pairScore(ix, b, a, weights)) / 2;
          if (score > 0) best.push({ a, b, score });
        }
      }
      best.sort((x, y) => y.score - x.score || (ix.ids[x.a] + ix.ids[x.b] < ix.ids[y.a] + ix.ids[y.b] ? -1 : 1));
      const top = best.slice(0, opts.limit);
      const out = new Float64Array(OUT.length);
      const explained = top.map((p) => {
        pairScore(ix, p.a, p.b, weights, out);
        return { a: ix.ids[p.a], b: ix.ids[p.b], score: round4(p.score), facts: explainPair(ix, p.a, p.b, out) };
      });
      const describeAll = await describer(explained.flatMap((e) => [e.a, e.b]), explained.flatMap((e) => e.facts), opts.lang);
      return explained.flatMap((e) => {
        const reasons = describeAll(e.a, e.b, e.facts);
        return reasons ? [{ cityIds: [e.a, e.b] as [string, string], score: e.score, reasons: reasons.list, cities: reasons.cities }] : [];
      });
    },

    /** The mutual match of two cities (see mutualAmong), or null when either is unknown to the index. */
    async mutualPair(aId: string, bId: string, lang: Lang) {
      const ix = await index();
      for (const id of [aId, bId]) if (!ix.slotOf.has(id)) await refreshIn(ix, id);
      const a = ix.slotOf.get(aId), b = ix.slotOf.get(bId);
      if (a === undefined || b === undefined || ix.alive[a] === 0 || ix.alive[b] === 0) return null;
      const out = new Float64Array(OUT.length);
      const score = (pairScore(ix, b, a, weights) + pairScore(ix, a, b, weights, out)) / 2;
      const facts = explainPair(ix, a, b, out);
      const reasons = (await describer([aId, bId], facts, lang))(aId, bId, facts);
      return { score: round4(score), reasons: reasons?.list ?? [] };
    },

    async close() {
      sub?.disconnect();
      sub = undefined;
    },
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
