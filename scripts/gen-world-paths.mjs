// Writes client/src/map/world-paths.json: every country of world-atlas 110m already projected (Natural
// Earth 1, fitted to the map's 960×500 box), simplified (Douglas–Peucker, TOLERANCE px), quantized to
// STEP px and written as relative SVG path data. The client draws these strings as they are (zoomed by
// an SVG transform): it needs neither d3-geo, topojson nor the geometry at run time, and ships ~12 KB
// gzipped instead of ~50 KB. Run again (node scripts/gen-world-paths.mjs) after changing the box or
// upgrading world-atlas; the committed JSON is what the build uses.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';

const W = 960, H = 500, MARGIN = 8;
// route pages zoom in up to 5×: half a pixel here is 2.5 px there, about what the 110m shapes are worth
const STEP = Number(process.env.STEP ?? 0.5);
const world = createRequire(import.meta.url)('world-atlas/countries-110m.json');
const projection = geoNaturalEarth1().fitExtent([[MARGIN, MARGIN], [W - MARGIN, H - MARGIN]], { type: 'Sphere' });
const path = geoPath(projection);

const TOLERANCE = Number(process.env.TOLERANCE ?? 0.4);

/** Douglas–Peucker: drops the points closer than TOLERANCE px to the line of their neighbours. */
function simplify(pts) {
  if (pts.length < 4) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a], [bx, by] = pts[b];
    const len = Math.hypot(bx - ax, by - ay) || 1;
    let far = -1, best = TOLERANCE;
    for (let i = a + 1; i < b; i++) {
      const dist = Math.abs((bx - ax) * (ay - pts[i][1]) - (ax - pts[i][0]) * (by - ay)) / len;
      if (dist > best) { best = dist; far = i; }
    }
    if (far >= 0) { keep[far] = 1; stack.push([a, far], [far, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}

/** "M1.23,4.56L7.8,9Z…" → simplified, relative commands on the STEP grid, repeated points dropped. */
function relative(d) {
  const q = (v) => Math.round(v / STEP);
  const fmt = (n) => String(Math.round(n * STEP * 1000) / 1000).replace(/^(-?)0\./, '$1.');
  let out = '', x = 0, y = 0;
  for (const ring of d.split('M').filter(Boolean)) {
    const pts = simplify(ring.replace(/Z$/, '').split('L').map((p) => p.split(',').map(Number)));
    let cmd = '', startX = 0, startY = 0;
    pts.forEach(([px, py], i) => {
      const qx = q(px), qy = q(py);
      if (i > 0 && qx === x && qy === y) return;
      const dx = qx - x, dy = qy - y;
      const xy = `${fmt(dx)}${dy < 0 ? '' : ' '}${fmt(dy)}`.replace(/ -/g, '-');
      if (i === 0) { out += `m${xy}`; cmd = 'm'; startX = qx; startY = qy; } else { out += `${cmd === 'l' ? (xy.startsWith('-') ? '' : ' ') : 'l'}${xy}`; cmd = 'l'; }
      x = qx; y = qy;
    });
    out += 'z';
    x = startX; y = startY; // after a closepath the pen is back at the ring's start
  }
  return out.startsWith('m') ? `M${out.slice(1)}` : out;
}

const features = feature(world, world.objects.countries).features.filter((f) => f.id !== '010'); // Antarctica: empty for this project, a sixth of the bytes
const countries = features.map((f) => [String(f.id ?? f.properties.name), relative(path(f) ?? '')]).filter(([, d]) => d.length > 1);
const out = { width: W, height: H, scale: projection.scale(), translate: projection.translate(), countries };
writeFileSync(new URL('../client/src/map/world-paths.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(`${countries.length} countries, ${JSON.stringify(out).length} bytes`);
