import type { Db, Tx } from '../../db/client.ts';
import { ROUTE_ROLES, STANCES, type RouteRole, type Stance } from '../../contract/common.ts';
import type { CityCsvColumn, CityImportError, CityImportReport } from '../../contract/imports.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { assert } from '../../policies/assert.ts';
import { networkPolicy } from '../../policies/network.policy.ts';
import type { Actor } from '../auth/actor.ts';
import { loadPrincipal } from '../auth/principal.ts';
import type { CityChangeListener } from '../cities/cities.service.ts';
import { checkCityProfile, findSameCities, insertCities } from '../cities/city-writes.ts';
import type { ReferenceCheck } from '../reference/reference-check.ts';
import { CITY_CSV_TEMPLATE, parseCityCsv, stringifyCityCsv, type CityCsvRow } from './city-csv.ts';

export type ImportOptions = { dryRun: boolean; onProgress?: (done: number, total: number) => void };

/** Rows written between two progress reports. */
const WRITE_CHUNK = 50;
/** How long the one import transaction may run (2,000 rows take a few seconds). */
const IMPORT_TX_TIMEOUT_MS = 120_000;
/** In-file duplicates: the same identity the database uses, near enough (accents and case folded). */
const identity = (c: { name: string; country: string; region?: string | null }) =>
  [c.name, c.country, c.region ?? ''].map((s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()).join('|');

/**
 * Bulk onboarding of a network's cities from CSV, and the export of its cities in the same format.
 * The import checks every row (shape, then every reference at once through the reference check) and
 * writes only when nothing is wrong, in one transaction: a file with one bad row writes nothing.
 */
export function createImportsService({ db, refs, logger, onChange = [] }: {
  db: Db; refs: ReferenceCheck; logger: Logger; onChange?: CityChangeListener[];
}) {
  async function requireNetwork(id: string) {
    const network = await db.network.findFirst({ where: { OR: [{ id }, { slug: id }] }, select: { id: true, slug: true } });
    if (!network) throw notFound('Network');
    return network;
  }

  /** Every reference error of every row, each attributed to its row and column. */
  async function checkReferences(rows: CityCsvRow[]): Promise<CityImportError[]> {
    const key = (r: CityCsvRow, path: string) => `${r.row}|${path}`;
    const profile = (await Promise.all(rows.map(async (r) => (await checkCityProfile(refs, r.city)).map((e) => ({ ...e, path: key(r, e.path) }))))).flat();
    const priorities = await refs.priorities(rows.flatMap((r) => r.priorities.map((p) => ({ path: key(r, 'priorities'), value: p.code }))));
    const stances = refs.oneOf(rows.flatMap((r) => r.priorities.map((p) => ({ path: key(r, 'priorities'), value: p.stance }))), STANCES, 'stance');
    const routes = await refs.routes(rows.flatMap((r) => r.routes.map((x) => ({ path: key(r, 'routes'), value: x.route }))));
    const roles = refs.oneOf(rows.flatMap((r) => r.routes.map((x) => ({ path: key(r, 'routes'), value: x.role }))), ROUTE_ROLES, 'role');
    const errors = [...profile, ...priorities, ...stances, ...routes.errors, ...roles].map((e) => {
      const [row, path] = e.path.split('|');
      return { row: Number(row), field: path.split('.')[0], message: e.message };
    });
    for (const r of rows) {
      const codes = r.priorities.map((p) => p.code);
      const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
      if (twice.length) errors.push({ row: r.row, field: 'priorities', message: `Priority "${twice[0]}" is listed twice` });
    }
    return errors;
  }

  function duplicateRows(rows: CityCsvRow[]): CityImportError[] {
    const first = new Map<string, number>();
    return rows.flatMap((r) => {
      const k = identity(r.city);
      const seen = first.get(k);
      if (seen === undefined) {
        first.set(k, r.row);
        return [];
      }
      return [{ row: r.row, field: 'name', message: `The same city as row ${seen}` }];
    });
  }

  /**
   * Creates or updates every row's city, then replaces the priorities and routes of those whose file
   * has those columns (columns absent from the file leave the stored values alone). Batched: one
   * lookup for all rows, one write per city, one delete and one insert for all priorities and routes.
   */
  async function writeRows(tx: Tx, networkId: string, rows: CityCsvRow[], columns: Set<CityCsvColumn>, routeIds: Map<string, string>, onRow?: (done: number) => void) {
    const existing = await findSameCities(tx, rows.map((r) => r.city));
    const out: { id: string; created: boolean }[] = new Array(rows.length);
    // in chunks, so progress has something to say between them
    for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
      const chunk = rows.slice(start, start + WRITE_CHUNK).map((r, j) => ({ r, i: start + j }));
      const fresh = chunk.filter(({ i }) => !existing.has(i));
      const ids = await insertCities(tx, fresh.map(({ r }) => r.city), networkId);
      fresh.forEach(({ i }, k) => { out[i] = { id: ids[k], created: true }; });
      for (const { r, i } of chunk.filter(({ i }) => existing.has(i))) {
        const id = existing.get(i)!;
        const { population, lat, lon } = r.city;
        await tx.city.update({
          where: { id },
          data: {
            name: r.city.name,
            languages: [...new Set(r.city.languages)],
            ...(columns.has('population') ? { population: population ?? null } : {}),
            ...(columns.has('lat') && columns.has('lon') ? { lat: lat ?? null, lon: lon ?? null } : {}),
          },
        });
        out[i] = { id, created: false };
      }
      onRow?.(Math.min(start + WRITE_CHUNK, rows.length));
    }
    // an existing city named in the file joins the network (as POST /api/networks/:id/members would)
    await tx.networkCity.createMany({ data: out.filter((o) => !o.created).map((o) => ({ networkId, cityId: o.id })), skipDuplicates: true });
    const ids = out.map((o) => o.id);
    if (columns.has('priorities')) {
      await tx.cityPriority.deleteMany({ where: { cityId: { in: ids } } });
      await tx.cityPriority.createMany({ data: rows.flatMap((r, i) => r.priorities.map((p) => ({ cityId: ids[i], priorityCode: p.code, stance: p.stance as Stance }))) });
    }
    if (columns.has('routes')) {
      await tx.cityRoute.deleteMany({ where: { cityId: { in: ids } } });
      const unique = new Map(rows.flatMap((r, i) => r.routes.map((x) => [`${ids[i]}|${x.route}|${x.role}`, { cityId: ids[i], routeId: routeIds.get(x.route)!, role: x.role as RouteRole }] as const)));
      await tx.cityRoute.createMany({ data: [...unique.values()] });
    }
    return out;
  }

  /** Tells the listeners (the match index) about every written city, a few at a time. */
  async function announce(ids: string[]) {
    const queue = [...ids];
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        for (const listener of onChange) await listener(id).catch((err) => logger.error({ err, cityId: id }, 'city change listener failed'));
      }
    }));
  }

  return {
    /**
     * Dry run: the report of what the import would do (200 even with errors). Real import: with any
     * error a 422 naming every bad field as `rows.<row>.<column>`, nothing written; else every row
     * in one transaction, progress told to `onProgress` after each row.
     */
    async importCities(actor: Actor, networkRef: string, csv: string, opts: ImportOptions): Promise<CityImportReport> {
      const network = await requireNetwork(networkRef);
      assert(networkPolicy.canImport(await loadPrincipal(db, actor), network.id), 'Only managers of this network import its cities');
      const parsed = parseCityCsv(csv);
      // a profile field already wrong in shape (e.g. country "Italy") is not reported again by the
      // reference check; priorities and routes list every bad item, whatever its kind of wrong
      const shapeWrong = new Set(parsed.errors.filter((e) => e.field !== 'priorities' && e.field !== 'routes').map((e) => `${e.row}|${e.field}`));
      const errors = [
        ...parsed.errors,
        ...duplicateRows(parsed.rows),
        ...(await checkReferences(parsed.rows)).filter((e) => !shapeWrong.has(`${e.row}|${e.field}`)),
      ].sort((a, b) => a.row - b.row);
      const total = parsed.count;

      if (opts.dryRun || errors.length) {
        if (!opts.dryRun) {
          throw new AppError('validation', 422, `${new Set(errors.map((e) => e.row)).size} row(s) have errors: nothing was imported`,
            errors.map((e) => ({ path: `rows.${e.row}${e.field ? `.${e.field}` : ''}`, message: e.message })));
        }
        const created = errors.length ? 0 : parsed.rows.length - (await findSameCities(db, parsed.rows.map((r) => r.city))).size;
        return { rows: total, created: errors.length ? 0 : created, updated: errors.length ? 0 : total - created, dryRun: true, errors };
      }

      const routes = await refs.routes(parsed.rows.flatMap((r) => r.routes.map((x) => ({ path: '', value: x.route }))));
      const routeIds = new Map([...routes.bySlug].map(([slug, r]) => [slug, r.id]));
      const written = await db.$transaction(async (tx) => {
        // one import at a time, so two files naming one new city cannot both create it
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cities:import'))`;
        return writeRows(tx, network.id, parsed.rows, parsed.columns, routeIds, (done) => opts.onProgress?.(done, parsed.rows.length));
      }, { timeout: IMPORT_TX_TIMEOUT_MS, maxWait: 10_000 });
      await announce(written.map((w) => w.id));
      const created = written.filter((w) => w.created).length;
      return { rows: written.length, created, updated: written.length - created, dryRun: false, errors: [] };
    },

    template: () => CITY_CSV_TEMPLATE,

    /** The network's cities in the import's format (so an export, edited, imports back). */
    async exportCities(networkRef: string): Promise<{ slug: string; csv: string }> {
      const network = await requireNetwork(networkRef);
      const rows = await db.city.findMany({
        where: { networks: { some: { networkId: network.id } } },
        orderBy: [{ countryCode: 'asc' }, { name: 'asc' }, { id: 'asc' }],
        select: {
          name: true, countryCode: true, region: true, population: true, lat: true, lon: true, languages: true,
          priorities: { select: { priorityCode: true, stance: true }, orderBy: { priorityCode: 'asc' } },
          routes: { select: { role: true, route: { select: { slug: true } } }, orderBy: [{ route: { slug: 'asc' } }, { role: 'asc' }] },
        },
      });
      return {
        slug: network.slug,
        csv: stringifyCityCsv(rows.map((c) => ({
          name: c.name, country: c.countryCode, region: c.region, population: c.population, lat: c.lat, lon: c.lon, languages: c.languages,
          priorities: c.priorities.map((p) => ({ code: p.priorityCode, stance: p.stance })),
          routes: c.routes.map((r) => ({ slug: r.route.slug, role: r.role })),
        }))),
      };
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
