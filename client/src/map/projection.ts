/**
 * Natural Earth 1 (Šavrič et al.), the projection scripts/gen-world-paths.mjs drew the countries with
 * (d3-geo's geoNaturalEarth1), for the points and lines the client places itself: no d3 at run time.
 */
import type { LonLat } from './route-path';

export type Projection = { k: number; tx: number; ty: number };
export type XY = [number, number];

const RAD = Math.PI / 180;

/** The unscaled projection, y up. */
export function naturalEarth1([lon, lat]: LonLat): XY {
  const l = lon * RAD, p = lat * RAD;
  const p2 = p * p, p4 = p2 * p2;
  return [
    l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))),
    p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))),
  ];
}

export const project = ({ k, tx, ty }: Projection, point: LonLat): XY => {
  const [x, y] = naturalEarth1(point);
  return [tx + k * x, ty - k * y];
};

/**
 * The world as drawn (`base`), or zoomed so that `points` fill the box inside `pad`, at most `maxZoom`×
 * the world's scale (then centred on their mean).
 */
export function fitPoints(base: Projection, points: LonLat[], box: { width: number; height: number; pad: [number, number] }, maxZoom = 5): Projection {
  if (!points.length) return base;
  const xy = points.map(naturalEarth1);
  const xs = xy.map((p) => p[0]), ys = xy.map((p) => -p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = box.width - 2 * box.pad[0], h = box.height - 2 * box.pad[1];
  const k = Math.min(w / (x1 - x0 || 1e-9), h / (y1 - y0 || 1e-9));
  if (k > base.k * maxZoom) {
    const mean: LonLat = [points.reduce((s, q) => s + q[0], 0) / points.length, points.reduce((s, q) => s + q[1], 0) / points.length];
    const [mx, my] = naturalEarth1(mean);
    const kk = base.k * maxZoom;
    return { k: kk, tx: box.width / 2 - kk * mx, ty: box.height / 2 + kk * my };
  }
  return { k, tx: box.pad[0] + (w - k * (x1 - x0)) / 2 - k * x0, ty: box.pad[1] + (h - k * (y1 - y0)) / 2 - k * y0 };
}

/** The SVG transform that turns the world as drawn (`base`) into `p`. */
export function transformFrom(base: Projection, p: Projection): string {
  const s = p.k / base.k;
  return `matrix(${s} 0 0 ${s} ${p.tx - s * base.tx} ${p.ty - s * base.ty})`;
}

/** Points along the great circle from a to b, about one every 2° of arc (as d3-geo would draw the line). */
function greatCircle(a: LonLat, b: LonLat): LonLat[] {
  const [l0, p0, l1, p1] = [a[0] * RAD, a[1] * RAD, b[0] * RAD, b[1] * RAD];
  const v0 = [Math.cos(p0) * Math.cos(l0), Math.cos(p0) * Math.sin(l0), Math.sin(p0)];
  const v1 = [Math.cos(p1) * Math.cos(l1), Math.cos(p1) * Math.sin(l1), Math.sin(p1)];
  const angle = Math.acos(Math.min(1, Math.max(-1, v0[0] * v1[0] + v0[1] * v1[1] + v0[2] * v1[2])));
  const n = Math.max(1, Math.ceil(angle / (2 * RAD)));
  const out: LonLat[] = [];
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const s0 = angle ? Math.sin((1 - t) * angle) / Math.sin(angle) : 1 - t, s1 = angle ? Math.sin(t * angle) / Math.sin(angle) : t;
    const [x, y, z] = [0, 1, 2].map((j) => s0 * v0[j] + s1 * v1[j]);
    out.push([Math.atan2(y, x) / RAD, Math.atan2(z, Math.hypot(x, y)) / RAD]);
  }
  return out;
}

/** SVG path data of a line through `coords` along great circles; it breaks where it crosses the antimeridian. */
export function linePath(p: Projection, coords: LonLat[]): string {
  if (coords.length < 2) return '';
  const r = (v: number) => Math.round(v * 10) / 10;
  let d = '', prevLon = coords[0][0];
  const [x0, y0] = project(p, coords[0]);
  d += `M${r(x0)},${r(y0)}`;
  for (let i = 1; i < coords.length; i++) {
    for (const q of greatCircle(coords[i - 1], coords[i])) {
      const [x, y] = project(p, q);
      d += `${Math.abs(q[0] - prevLon) > 180 ? 'M' : 'L'}${r(x)},${r(y)}`;
      prevLon = q[0];
    }
  }
  return d;
}
