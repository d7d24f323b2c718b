import { geoNaturalEarth1 } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { fitPoints, linePath, project } from '../../../client/src/map/projection';
import world from '../../../client/src/map/world-paths.json';
import type { LonLat } from '../../../client/src/map/route-path';

// The client places points itself on countries d3-geo drew at build time (scripts/gen-world-paths.mjs):
// both must agree with d3-geo, or the cities would sit off their countries.
const W = 960, H = 500;
const base = { k: world.scale, tx: world.translate[0], ty: world.translate[1] };
const box = { width: W, height: H, pad: [90, 70] as [number, number] };
const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));

describe('map projection', () => {
  it('is d3-geo\'s Natural Earth 1 fitted to the box', () => {
    const d3 = geoNaturalEarth1().fitExtent([[8, 8], [W - 8, H - 8]], { type: 'Sphere' });
    expect(base.k).toBeCloseTo(d3.scale(), 9);
    for (const p of [[13.4, 38.1], [-70, -33], [150, 60], [0, 0]] as LonLat[]) close(project(base, p), d3(p)!);
  });

  it('zooms to points as d3-geo fitExtent does, and caps the zoom at 5× centred on their mean', () => {
    const pts: LonLat[] = [[-20, 0], [70, 60], [30, -10]]; // wide enough not to hit the cap
    const d3 = geoNaturalEarth1().fitExtent([[90, 70], [W - 90, H - 70]], { type: 'MultiPoint', coordinates: pts });
    close(project(fitPoints(base, pts, box), [13.4, 38.1]), d3([13.4, 38.1])!);
    const tiny: LonLat[] = [[14.5, 35.9], [14.4, 35.8]];
    const capped = geoNaturalEarth1().scale(base.k * 5).center([14.45, 35.85]).translate([W / 2, H / 2]);
    close(project(fitPoints(base, tiny, box), [13.4, 38.1]), capped([13.4, 38.1])!);
    expect(fitPoints(base, [], box)).toBe(base);
  });

  it('draws a line along the great circle and breaks it at the antimeridian', () => {
    const d = linePath(base, [[0, 0], [90, 0]]);
    expect(d.startsWith('M480,250')).toBe(true);
    expect(d.split('L')).toHaveLength(46); // one point every 2°
    expect(linePath(base, [[170, 0], [-170, 0]]).match(/M/g)).toHaveLength(2);
    expect(linePath(base, [[0, 0]])).toBe('');
  });
});
