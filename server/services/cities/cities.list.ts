import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { badRequest, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, paginate } from '../../lib/pagination.ts';
import { citySummarySelect, presentCitySummary } from '../../presenters/city.presenter.ts';
import type { ReferenceCheck } from '../reference/reference-check.ts';
import { ROUTE_ROLES, STANCES } from '../../contract/common.ts';

export type CityFilters = {
  q?: string;
  country?: string;
  /** network id or slug */
  network?: string;
  /** route slug */
  route?: string;
  /** origin | transit | destination */
  role?: string;
  /** priority code */
  priority?: string;
  /** with `priority`: offer matches offer|both, seek matches seek|both */
  stance?: string;
};

const cursorKey = z.tuple([z.string(), z.string()]);

/** `LIKE` treats % and _ as wildcards: a user typing them means the characters. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Cities filtered by name (accent- and case-insensitive substring, trigram-indexed), country, network,
 * route (and role on it), priority (and stance), in name order with keyset pagination. Every filter
 * value is checked against reference data first; unknown ones are a 400 naming each.
 */
export async function listCities({ db, refs }: { db: Db; refs: ReferenceCheck }, f: CityFilters, page: { limit: number; cursor?: string }) {
  const after = decodeCursor(page.cursor, cursorKey);
  const [countryErrors, priorityErrors, routes, networks] = await Promise.all([
    f.country ? refs.countries([{ path: 'country', value: f.country }]) : [],
    f.priority ? refs.priorities([{ path: 'priority', value: f.priority }]) : [],
    refs.routes(f.route ? [{ path: 'route', value: f.route }] : []),
    refs.networks(f.network ? [{ path: 'network', value: f.network }] : []),
  ]);
  const errors: FieldError[] = [
    ...countryErrors, ...priorityErrors, ...routes.errors, ...networks.errors,
    ...refs.oneOf(f.role ? [{ path: 'role', value: f.role }] : [], ROUTE_ROLES, 'role'),
    ...refs.oneOf(f.stance ? [{ path: 'stance', value: f.stance }] : [], STANCES, 'stance'),
  ];
  if (f.stance && !f.priority) errors.push({ path: 'stance', message: 'stance filters a priority: give priority too' });
  if (errors.length) throw badRequest('Unknown filter values', errors);

  const where: Prisma.Sql[] = [];
  if (f.q) where.push(Prisma.sql`cities_name_norm(c.name) LIKE '%' || cities_name_norm(${likeEscape(f.q)}) || '%'`);
  if (f.country) where.push(Prisma.sql`c.country_code = ${f.country}`);
  if (f.network) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM network_cities nc WHERE nc.city_id = c.id AND nc.network_id = ${networks.idOf.get(f.network)})`);
  }
  if (f.route || f.role) {
    const routeCond = f.route ? Prisma.sql`AND cr.route_id = ${routes.bySlug.get(f.route)!.id}` : Prisma.empty;
    const roleCond = f.role ? Prisma.sql`AND cr.role = ${f.role}::"RouteRole"` : Prisma.empty;
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM city_routes cr WHERE cr.city_id = c.id ${routeCond} ${roleCond})`);
  }
  if (f.priority) {
    const stances = f.stance === 'offer' ? ['offer', 'both'] : f.stance === 'seek' ? ['seek', 'both'] : f.stance ? ['both'] : null;
    const stanceCond = stances ? Prisma.sql`AND cp.stance::text IN (${Prisma.join(stances)})` : Prisma.empty;
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM city_priorities cp WHERE cp.city_id = c.id AND cp.priority_code = ${f.priority} ${stanceCond})`);
  }
  if (after) where.push(Prisma.sql`(c.name, c.id) > (${after[0]}, ${after[1]})`);

  const rows = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT c.id, c.name FROM cities c
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ORDER BY c.name, c.id
    LIMIT ${page.limit + 1}`;
  const { items, nextCursor } = paginate(rows, page.limit, (r) => [r.name, r.id]);
  const full = new Map((await db.city.findMany({ where: { id: { in: items.map((r) => r.id) } }, select: citySummarySelect })).map((c) => [c.id, c]));
  return { items: items.map((r) => presentCitySummary(full.get(r.id)!)), nextCursor };
}
