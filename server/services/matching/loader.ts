import type { Db } from '../../db/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { CityFeatures, Role, Stance } from './match-index.ts';

type Row = {
  id: string; population: number | null; lat: number | null; lon: number | null; languages: string[];
  priorities: string[]; routes: string[];
};

// One row per city with its priorities and routes folded in ("code:stance", "routeId:role"): a
// keyset-paged scan instead of three unbounded result sets, so loading 100k cities stays small in memory.
const select = Prisma.sql`
  SELECT c.id, c.population, c.lat, c.lon, c.languages,
    coalesce((SELECT array_agg(cp.priority_code || ':' || cp.stance::text) FROM city_priorities cp WHERE cp.city_id = c.id), '{}') AS priorities,
    coalesce((SELECT array_agg(cr.route_id || ':' || cr.role::text) FROM city_routes cr WHERE cr.city_id = c.id), '{}') AS routes
  FROM cities c`;

const toFeatures = (r: Row): CityFeatures => ({
  id: r.id,
  population: r.population,
  lat: r.lat,
  lon: r.lon,
  languages: r.languages,
  priorities: r.priorities.map((p) => {
    const i = p.lastIndexOf(':');
    return { code: p.slice(0, i), stance: p.slice(i + 1) as Stance };
  }),
  routes: r.routes.map((p) => {
    const i = p.lastIndexOf(':');
    return { routeId: p.slice(0, i), role: p.slice(i + 1) as Role };
  }),
});

/** Every city, in id order, in pages of `batch`. */
export async function* loadAllCities(db: Db, batch = 5000): AsyncGenerator<CityFeatures[]> {
  let after = '';
  for (;;) {
    const rows = await db.$queryRaw<Row[]>`${select} WHERE c.id > ${after} ORDER BY c.id LIMIT ${batch}`;
    if (!rows.length) return;
    yield rows.map(toFeatures);
    if (rows.length < batch) return;
    after = rows[rows.length - 1].id;
  }
}

export async function loadCity(db: Db, id: string): Promise<CityFeatures | null> {
  const [row] = await db.$queryRaw<Row[]>`${select} WHERE c.id = ${id}`;
  return row ? toFeatures(row) : null;
}
