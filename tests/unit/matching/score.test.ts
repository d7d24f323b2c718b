import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_CONFIG, loadMatchingConfig } from '../../../server/config/matching.ts';
import { compileWeights, OUT, pairScore, popcount, SIGNALS } from '../../../server/services/matching/score.ts';
import { city, indexOf } from './world.ts';

const config = loadMatchingConfig();
const w = compileWeights(config);
const W = config.weights;
const TOTAL = W.complementary + W.shared + W.route + W.language + W.size + W.distance;

function score(a: Parameters<typeof city>[1], b: Parameters<typeof city>[1], weights = w) {
  const ix = indexOf([city('a', a), city('b', b)]);
  const out = new Float64Array(OUT.length);
  const s = pairScore(ix, 0, 1, weights, out);
  return { s, out, contrib: Object.fromEntries(SIGNALS.map((k, i) => [k, out[i]])) as Record<(typeof SIGNALS)[number], number> };
}

describe('popcount', () => {
  it('counts bits of any 32-bit word, including the sign bit', () => {
    for (const x of [0, 1, 0b1011, 0xffffffff, 0x80000000, 0x7fffffff, 0x12345678, -1]) {
      const expected = (x >>> 0).toString(2).split('').filter((c) => c === '1').length;
      expect(popcount(x)).toBe(expected);
    }
  });
});

describe('priorities', () => {
  it('counts complementary priorities per direction and leaves them out of "shared"', () => {
    const { out } = score(
      { priorities: [{ code: 'dignity.1', stance: 'offer' }, { code: 'dignity.2', stance: 'seek' }, { code: 'resilience.5', stance: 'offer' }, { code: 'community.3', stance: 'both' }] },
      { priorities: [{ code: 'dignity.1', stance: 'seek' }, { code: 'dignity.2', stance: 'offer' }, { code: 'resilience.5', stance: 'offer' }, { code: 'community.3', stance: 'both' }] },
    );
    // dignity.1 (a→b), dignity.2 (b→a), community.3 both ways = 4 directions; resilience.5: both only offer → shared
    expect(out[OUT.complementaryCount]).toBe(4);
    expect(out[OUT.sharedCount]).toBe(1);
  });

  it('makes one complementary priority worth more than one merely shared priority', () => {
    const comp = score({ priorities: [{ code: 'equity.2', stance: 'seek' }] }, { priorities: [{ code: 'equity.2', stance: 'offer' }] });
    const shared = score({ priorities: [{ code: 'equity.2', stance: 'seek' }] }, { priorities: [{ code: 'equity.2', stance: 'seek' }] });
    expect(comp.s).toBeGreaterThan(shared.s);
    expect(comp.contrib.complementary_priority).toBeCloseTo((W.complementary / TOTAL) / config.saturation.complementary, 12);
    expect(shared.contrib.shared_priority).toBeCloseTo((W.shared / TOTAL) / config.saturation.shared, 12);
    expect(shared.contrib.complementary_priority).toBe(0);
  });

  it('saturates: more priorities than the cap add nothing', () => {
    const many = (stance: 'offer' | 'seek') => ['dignity.1', 'dignity.2', 'dignity.3', 'dignity.4', 'dignity.5', 'resilience.1'].map((code) => ({ code, stance }));
    const { contrib } = score({ priorities: many('seek') }, { priorities: many('offer') });
    expect(contrib.complementary_priority).toBeCloseTo(W.complementary / TOTAL, 12);
  });

  it('reads priorities in the upper word (bits 32..34)', () => {
    const { out } = score({ priorities: [{ code: 'resilience.4', stance: 'seek' }] }, { priorities: [{ code: 'resilience.4', stance: 'offer' }] });
    expect(out[OUT.complementaryCount]).toBe(1);
  });
});

describe('routes', () => {
  const on = (role: 'origin' | 'transit' | 'destination', routeId = 'r-central-med') => ({ routes: [{ routeId, role }] });

  it('values each role pair as configured, symmetrically', () => {
    const pairs: [string, string, number][] = [
      ['origin', 'destination', config.routePairs['origin-destination']],
      ['transit', 'transit', config.routePairs['transit-transit']],
      ['transit', 'destination', config.routePairs['transit-destination']],
      ['origin', 'transit', config.routePairs['origin-transit']],
      ['destination', 'destination', config.routePairs['destination-destination']],
      ['origin', 'origin', config.routePairs['origin-origin']],
    ];
    for (const [ra, rb, value] of pairs) {
      const ab = score(on(ra as 'origin'), on(rb as 'origin'));
      const ba = score(on(rb as 'origin'), on(ra as 'origin'));
      expect(ab.out[OUT.routeValue], `${ra}-${rb}`).toBe(value);
      expect(ba.out[OUT.routeValue], `${rb}-${ra}`).toBe(value);
      expect(ab.contrib.route).toBeCloseTo((W.route / TOTAL) * value, 12);
    }
    expect(config.routePairs['origin-destination']).toBeGreaterThan(config.routePairs['destination-destination']);
  });

  it('gives nothing for different routes, and takes the best pair when cities hold several roles', () => {
    expect(score(on('transit', 'r-darien'), on('transit')).out[OUT.routeValue]).toBe(0);
    const multi = score(
      { routes: [{ routeId: 'r-central-med', role: 'destination' }, { routeId: 'r-darien', role: 'transit' }] },
      { routes: [{ routeId: 'r-central-med', role: 'destination' }, { routeId: 'r-darien', role: 'transit' }] },
    );
    expect(multi.out[OUT.routeValue]).toBe(config.routePairs['transit-transit']);
    expect(multi.out[OUT.routeA]).toBe(1);
    expect(multi.out[OUT.routeB]).toBe(1);
  });
});

describe('language, size, distance', () => {
  it('counts a common language once, whatever the number', () => {
    expect(score({ languages: ['fr', 'ar'] }, { languages: ['ar', 'fr'] }).contrib.language).toBeCloseTo(W.language / TOTAL, 12);
    expect(score({ languages: ['fr'] }, { languages: ['es'] }).contrib.language).toBe(0);
    // zu is the last code: bit 182, in the sixth word
    expect(score({ languages: ['zu'] }, { languages: ['zu'] }).contrib.language).toBeGreaterThan(0);
  });

  it('scores size by the ratio of populations, 0 when one is unknown', () => {
    expect(score({ population: 50_000 }, { population: 50_000 }).out[OUT.sizeSimilarity]).toBe(1);
    expect(score({ population: 10_000 }, { population: 100_000 }).out[OUT.sizeSimilarity]).toBeCloseTo(1 - 1 / config.sizeSpanDecades, 12);
    expect(score({ population: 1_000 }, { population: 10_000_000 }).out[OUT.sizeSimilarity]).toBe(0);
    expect(score({ population: null }, { population: 10_000 }).contrib.size).toBe(0);
  });

  it('measures great-circle distance (Paris–London ≈ 344 km) and decays linearly', () => {
    const { out, contrib } = score({ lat: 48.8566, lon: 2.3522 }, { lat: 51.5074, lon: -0.1278 });
    expect(out[OUT.km]).toBeGreaterThan(340);
    expect(out[OUT.km]).toBeLessThan(347);
    expect(contrib.distance).toBeCloseTo((W.distance / TOTAL) * (1 - out[OUT.km] / config.distanceMaxKm), 12);
    const far = score({ lat: 48.8566, lon: 2.3522 }, { lat: -33.86, lon: 151.2 });
    expect(far.contrib.distance).toBe(0);
    expect(score({ lat: 48.8566, lon: 2.3522 }, { lat: null, lon: null }).contrib.distance).toBe(0);
  });
});

describe('the score', () => {
  it('is 0 for two cities with nothing in common, and 1 for a pair that maxes every signal', () => {
    expect(score({ languages: ['fr'], population: 100 }, { languages: ['de'], population: 10_000_000 }).s).toBe(0);
    const both = ['dignity.1', 'dignity.2', 'dignity.3', 'dignity.4'].map((code) => ({ code, stance: 'both' as const }));
    const same = (role: 'origin' | 'destination') => ({
      priorities: both, languages: ['es'], population: 80_000, lat: 10, lon: -84, routes: [{ routeId: 'r-darien', role }],
    });
    // 4 mutual priorities: 8 complementary directions (cap 3) but 0 merely shared ones
    const { s, contrib } = score(same('origin'), same('destination'));
    expect(contrib.shared_priority).toBe(0);
    expect(s).toBeCloseTo(1 - W.shared / TOTAL, 6); // acos near 1 leaves a few cm of distance
    const withShared = score(
      { ...same('origin'), priorities: [...both, ...['resilience.1', 'resilience.2', 'resilience.3', 'resilience.4'].map((code) => ({ code, stance: 'offer' as const }))] },
      { ...same('destination'), priorities: [...both, ...['resilience.1', 'resilience.2', 'resilience.3', 'resilience.4'].map((code) => ({ code, stance: 'offer' as const }))] },
    );
    expect(withShared.s).toBeCloseTo(1, 6);
  });

  it('is the sum of the contributions, and stays in 0..1 under any positive weights', () => {
    const a = { priorities: [{ code: 'community.1', stance: 'seek' as const }], languages: ['fr'], population: 30_000, lat: 36, lon: 10, routes: [{ routeId: 'r-central-med', role: 'transit' as const }] };
    const b = { priorities: [{ code: 'community.1', stance: 'offer' as const }], languages: ['fr', 'it'], population: 90_000, lat: 41, lon: 12, routes: [{ routeId: 'r-central-med', role: 'destination' as const }] };
    const { s, out } = score(a, b);
    expect(s).toBeCloseTo(out.slice(0, 6).reduce((x, y) => x + y, 0), 12);
    const skewed = compileWeights(loadMatchingConfig({ weights: { ...DEFAULT_MATCHING_CONFIG.weights, route: 50, distance: 0 } }));
    const r = score(a, b, skewed);
    expect(r.s).toBeGreaterThan(0);
    expect(r.s).toBeLessThanOrEqual(1);
    expect(r.contrib.distance).toBe(0);
  });

  it('is symmetric', () => {
    const a = { priorities: [{ code: 'community.1', stance: 'seek' as const }, { code: 'resilience.2', stance: 'both' as const }], languages: ['ar'], population: 5_000, lat: 33, lon: 9 };
    const b = { priorities: [{ code: 'community.1', stance: 'offer' as const }, { code: 'resilience.2', stance: 'offer' as const }], languages: ['ar', 'fr'], population: 70_000, lat: 35, lon: 11 };
    expect(score(a, b).s).toBeCloseTo(score(b, a).s, 12);
  });
});

describe('config', () => {
  it('merges a partial override and rejects unknown keys and bad values, naming them', () => {
    const c = loadMatchingConfig('{"weights":{"distance":0},"saturation":{"shared":2}}');
    expect(c.weights.distance).toBe(0);
    expect(c.weights.route).toBe(DEFAULT_MATCHING_CONFIG.weights.route);
    expect(c.saturation).toEqual({ complementary: DEFAULT_MATCHING_CONFIG.saturation.complementary, shared: 2 });
    expect(() => loadMatchingConfig('{"weights":{"distnce":1}}')).toThrow(/distnce/);
    expect(() => loadMatchingConfig('{"weights":{"route":-1}}')).toThrow(/weights\.route/);
    expect(() => loadMatchingConfig('{"routePairs":{"transit-transit":2}}')).toThrow(/transit-transit/);
    expect(() => loadMatchingConfig('not json')).toThrow(/JSON/);
    expect(() => loadMatchingConfig({ weights: { complementary: 0, shared: 0, route: 0, language: 0, size: 0, distance: 0 } })).toThrow(/positive/);
  });
});
