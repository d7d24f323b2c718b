/** Pure geometry of the map: no d3 here, so it is cheap to test and to import. */
export type LonLat = [number, number];
export type Stages = { origin?: string[]; transit?: string[]; destination?: string[] };
export const STAGE_ORDER = ['origin', 'transit', 'destination'] as const;
export type StageName = (typeof STAGE_ORDER)[number];

const dist2 = (a: LonLat, b: LonLat) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
const mean = (ps: LonLat[]): LonLat => [ps.reduce((s, p) => s + p[0], 0) / ps.length, ps.reduce((s, p) => s + p[1], 0) / ps.length];

/** Visits `points` from `start`, always to the nearest one not yet visited. */
function chain(points: LonLat[], start: LonLat): LonLat[] {
  const left = [...points];
  const out: LonLat[] = [];
  let at = start;
  while (left.length) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (dist2(left[i], at) < dist2(left[best], at)) best = i;
    at = left.splice(best, 1)[0];
    out.push(at);
  }
  return out;
}

/**
 * The line of a route through the countries of its stages, origin → transit → destination. Within a
 * stage the countries are visited nearest-first; the first stage starts with the country farthest from
 * where the route goes next, so the line travels towards it. Countries without a known point are skipped.
 */
export function routeLine(stages: Stages, point: (country: string) => LonLat | undefined): LonLat[] {
  const groups = STAGE_ORDER
    .map((s) => [...new Set(stages[s] ?? [])].map(point).filter((p): p is LonLat => p !== undefined))
    .filter((g) => g.length > 0);
  const line: LonLat[] = [];
  groups.forEach((group, i) => {
    if (i === 0) {
      const next = groups[1] ? mean(groups[1]) : undefined;
      const start = next ? group.reduce((far, p) => (dist2(p, next) > dist2(far, next) ? p : far)) : group[0];
      line.push(...chain(group, [start[0] + 1e-9, start[1]]));
    } else {
      line.push(...chain(group, line[line.length - 1]));
    }
  });
  return line;
}

/** The stage of each country of a route (a country on two stages keeps the later one). */
export function stageOfCountry(stages: Stages): Map<string, StageName> {
  const out = new Map<string, StageName>();
  for (const s of STAGE_ORDER) for (const c of stages[s] ?? []) out.set(c, s);
  return out;
}
