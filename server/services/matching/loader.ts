import pg from 'pg';
import type { Db } from '../../db/client.ts';
import { ISO_639_1 } from '../../lib/languages.ts';
import type { CityFeatures, MatchIndex, Role, Stance } from './match-index.ts';

/**
 * Every city, read in keyset pages and written straight into the index. The database does the encoding
 * (positions in the index's priority, route and language lists, × 3 + stance or role) into one short
 * string per row, parsed without substrings: little garbage for 100k cities. With a connection
 * string the pages are read over a plain `pg` connection opened for the load, in array row mode:
 * Prisma's raw-query path kept ~50 MB more native memory after reading 100k rows (measured), which an
 * API node would carry for its lifetime. Returns false if some city used a code the index has no bit for.
 */
export async function fillIndex(ix: MatchIndex, source: { db: Db; databaseUrl?: string }, batch = 2000): Promise<boolean> {
  // codes: "<languages>;<priorities>;<routes>", each a comma-separated list of ints, -1 for a code the
  // index has no position for (coalesce: concat_ws would drop an empty list and shift the others)
  const sql = `
    SELECT c.id, c.population, c.lat, c.lon, concat_ws(';',
      coalesce((SELECT string_agg(coalesce(array_position($3::text[], l) - 1, -1)::text, ',') FROM unnest(c.languages) l), ''),
      coalesce((SELECT string_agg(coalesce((array_position($4::text[], cp.priority_code) - 1) * 3
                  + CASE cp.stance WHEN 'offer' THEN 0 WHEN 'seek' THEN 1 ELSE 2 END, -1)::text, ',')
                FROM city_priorities cp WHERE cp.city_id = c.id), ''),
      coalesce((SELECT string_agg(coalesce((array_position($5::text[], cr.route_id) - 1) * 3
                  + CASE cr.role WHEN 'origin' THEN 0 WHEN 'transit' THEN 1 ELSE 2 END, -1)::text, ',')
                FROM city_routes cr WHERE cr.city_id = c.id), '')) AS codes
    FROM cities c WHERE c.id > $1 ORDER BY c.id LIMIT $2`;
  type Row = [string, number | null, number | null, number | null, string];
  const lists = [[...ISO_639_1], [...ix.priorityCodes], [...ix.routeIds]];

  const client = source.databaseUrl ? new pg.Client({ connectionString: source.databaseUrl }) : undefined;
  await client?.connect();
  const langs: number[] = [], prios: number[] = [], routes: number[] = [];
  try {
    const page = async (after: string): Promise<Row[]> => {
      if (client) return (await client.query<Row>({ text: sql, values: [after, batch, ...lists], rowMode: 'array' })).rows;
      const rows = await source.db.$queryRawUnsafe<Record<string, unknown>[]>(sql, after, batch, ...lists);
      return rows.map((r) => [r.id, r.population, r.lat, r.lon, r.codes] as Row);
    };
    let complete = true;
    let after = '';
    for (;;) {
      const rows = await page(after);
      for (const [id, population, lat, lon, codes] of rows) {
        let i = readInts(codes, 0, langs);
        i = readInts(codes, i, prios);
        readInts(codes, i, routes);
        complete = ix.write(id, population, lat, lon, langs, prios, routes) && complete;
      }
      if (rows.length < batch) return complete;
      after = rows[rows.length - 1][0];
    }
  } finally {
    await client?.end().catch(() => {});
  }
}

/** Reads "3,-1,12" up to the next ';' (or the end) into `out` without making substrings; returns where the next list starts. */
function readInts(s: string, from: number, out: number[]): number {
  out.length = 0;
  let i = from, n = 0, neg = false, any = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 59 /* ; */) break;
    if (c === 44 /* , */) {
      out.push(neg ? -n : n);
      n = 0; neg = false; any = false;
    } else if (c === 45 /* - */) neg = true;
    else {
      n = n * 10 + (c - 48);
      any = true;
    }
  }
  if (any) out.push(neg ? -n : n);
  return i + 1;
}

type Row = {
  id: string; pop: number | null; lat: number | null; lon: number | null;
  langs: string[]; prios: string | null; routes: string | null;
};
const STANCE: Record<string, Stance> = { o: 'offer', s: 'seek', b: 'both' };
const ROLE: Record<string, Role> = { o: 'origin', t: 'transit', d: 'destination' };
const split = <T>(s: string | null, f: (key: string, tag: string) => T): T[] =>
  s ? s.split(',').map((part) => {
    const i = part.lastIndexOf(':');
    return f(part.slice(0, i), part.slice(i + 1));
  }) : [];

/** One city by id, by codes and ids (a route created after the index was built gets a bit then). */
export async function loadCity(db: Db, id: string): Promise<CityFeatures | null> {
  const [row] = await db.$queryRawUnsafe<Row[]>(`
    SELECT c.id, c.population AS pop, c.lat, c.lon, c.languages AS langs,
      (SELECT string_agg(cp.priority_code || ':' || left(cp.stance::text, 1), ',') FROM city_priorities cp WHERE cp.city_id = c.id) AS prios,
      (SELECT string_agg(cr.route_id || ':' || left(cr.role::text, 1), ',') FROM city_routes cr WHERE cr.city_id = c.id) AS routes
    FROM cities c WHERE c.id = $1`, id);
  if (!row) return null;
  return {
    id: row.id,
    population: row.pop,
    lat: row.lat,
    lon: row.lon,
    languages: row.langs,
    priorities: split(row.prios, (code, s) => ({ code, stance: STANCE[s] })),
    routes: split(row.routes, (routeId, s) => ({ routeId, role: ROLE[s] })),
  };
}
