import type { MatchingConfig } from '../../config/matching.ts';
import { ROLES, type MatchIndex } from './match-index.ts';

export const EARTH_RADIUS_KM = 6371.0088;

/** Signals in the order `pairScore` writes their contributions. */
export const SIGNALS = ['complementary_priority', 'shared_priority', 'route', 'language', 'size', 'distance'] as const;
export type Signal = (typeof SIGNALS)[number];

/** Config turned into what the hot loop needs: weights pre-divided by their sum, so the score is in 0..1. */
export type CompiledWeights = {
  complementary: number; shared: number; route: number; language: number; size: number; distance: number;
  satComplementary: number; satShared: number;
  /** role pairs (a × 3 + b) sorted by value, best first, zero-valued ones left out */
  pairs: { a: number; b: number; value: number }[];
  sizeSpanDecades: number;
  distanceMaxKm: number;
  /** dot product of two unit vectors at distanceMaxKm: below it, closeness is 0 without an acos */
  minDot: number;
};

export function compileWeights(config: MatchingConfig): CompiledWeights {
  const w = config.weights;
  const total = w.complementary + w.shared + w.route + w.language + w.size + w.distance;
  const pairs: CompiledWeights['pairs'] = [];
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const value = config.routePairs[`${ROLES[lo]}-${ROLES[hi]}` as keyof MatchingConfig['routePairs']];
      if (value > 0) pairs.push({ a, b, value });
    }
  }
  pairs.sort((p, q) => q.value - p.value);
  return {
    complementary: w.complementary / total,
    shared: w.shared / total,
    route: w.route / total,
    language: w.language / total,
    size: w.size / total,
    distance: w.distance / total,
    satComplementary: config.saturation.complementary,
    satShared: config.saturation.shared,
    pairs,
    sizeSpanDecades: config.sizeSpanDecades,
    distanceMaxKm: config.distanceMaxKm,
    minDot: Math.cos(Math.min(Math.PI, config.distanceMaxKm / EARTH_RADIUS_KM)),
  };
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Slots into `out` of `pairScore`: the six contributions (in SIGNALS order; they add up to the score),
 * then the raw facts they came from.
 */
export const OUT = {
  complementaryCount: 6, sharedCount: 7, routeA: 8, routeB: 9, routeValue: 10, km: 11, sizeSimilarity: 12, score: 13,
  length: 14,
} as const;

/**
 * The score of candidate `b` for city `a`, in 0..1: the weighted mean of six signals, each in 0..1,
 * written into `out` with the contributions and the facts behind them. The one place the model is
 * computed: the ranking scan reads `out[OUT.score]`, and the reasons are built from the rest for the few
 * cities returned, so they cannot disagree. Nothing is returned, on purpose: a double returned from a
 * function the JIT does not inline is boxed, 100k allocations per ranking.
 *
 * - complementary: priorities one city offers (offer|both) and the other seeks (seek|both), counted
 *   per direction, saturating at `satComplementary`
 * - shared: priorities both work on that are not complementary in either direction, saturating at `satShared`
 * - route: the best role-pair value over the routes both are on
 * - language: 1 if they have a language in common
 * - size: 1 − |log10(popA/popB)| / sizeSpanDecades, floored at 0; 0 if a population is unknown
 * - distance: 1 − km / distanceMaxKm, floored at 0; 0 if a position is unknown
 */
export function scoreInto(ix: MatchIndex, a: number, b: number, w: CompiledWeights, out: Float64Array, full = true): void {
  const { wp, wr, wl, offer, seek, routes, langs } = ix;

  let comp = 0;
  let shared = 0;
  for (let k = 0; k < wp; k++) {
    const ao = offer[a * wp + k], as = seek[a * wp + k];
    const bo = offer[b * wp + k], bs = seek[b * wp + k];
    if (((ao | as) & (bo | bs)) === 0) continue; // nothing in common in this word: the usual case
    const c1 = ao & bs, c2 = bo & as;
    comp += popcount(c1) + popcount(c2);
    shared += popcount((ao | as) & (bo | bs) & ~(c1 | c2));
  }
  const cComp = (comp < w.satComplementary ? comp : w.satComplementary) / w.satComplementary;
  const cShared = (shared < w.satShared ? shared : w.satShared) / w.satShared;

  let route = 0, routeA = -1, routeB = -1;
  // most pairs share no route at all: one OR over the three roles rules that out before the role pairs
  let anyCommon = 0;
  for (let k = 0; k < wr; k++) {
    const ba = a * 3 * wr + k, bb = b * 3 * wr + k;
    anyCommon |= (routes[ba] | routes[ba + wr] | routes[ba + 2 * wr]) & (routes[bb] | routes[bb + wr] | routes[bb + 2 * wr]);
  }
  for (let p = 0; anyCommon !== 0 && p < w.pairs.length && route === 0; p++) {
    const { a: ra, b: rb, value } = w.pairs[p];
    const ba = (a * 3 + ra) * wr, bb = (b * 3 + rb) * wr;
    for (let k = 0; k < wr; k++) {
      if ((routes[ba + k] & routes[bb + k]) !== 0) {
        route = value;
        routeA = ra;
        routeB = rb;
        break;
      }
    }
  }

  let lang = 0;
  const words = ix.langWords[a] & ix.langWords[b];
  for (let k = 0; words !== 0 && k < wl; k++) {
    if ((words & (1 << k)) !== 0 && (langs[a * wl + k] & langs[b * wl + k]) !== 0) {
      lang = 1;
      break;
    }
  }

  // NaN (unknown) fails every comparison below and leaves the signal at 0
  let size = 0;
  const dLog = Math.abs(ix.logPop[a] - ix.logPop[b]);
  if (dLog < w.sizeSpanDecades) size = 1 - dLog / w.sizeSpanDecades;

  let dist = 0, km = NaN;
  const pos = ix.pos, pa = 3 * a, pb = 3 * b;
  const dot = pos[pa] * pos[pb] + pos[pa + 1] * pos[pb + 1] + pos[pa + 2] * pos[pb + 2];
  if (dot >= w.minDot) {
    km = EARTH_RADIUS_KM * Math.acos(dot > 1 ? 1 : dot);
    if (km < w.distanceMaxKm) dist = 1 - km / w.distanceMaxKm;
  }

  const sComp = w.complementary * cComp, sShared = w.shared * cShared, sRoute = w.route * route;
  const sLang = w.language * lang, sSize = w.size * size, sDist = w.distance * dist;
  out[OUT.score] = sComp + sShared + sRoute + sLang + sSize + sDist;
  if (!full) return;
  out[0] = sComp; out[1] = sShared; out[2] = sRoute; out[3] = sLang; out[4] = sSize; out[5] = sDist;
  out[OUT.complementaryCount] = comp;
  out[OUT.sharedCount] = shared;
  out[OUT.routeA] = routeA;
  out[OUT.routeB] = routeB;
  out[OUT.routeValue] = route;
  out[OUT.km] = km;
  out[OUT.sizeSimilarity] = size;
}

/** `scoreInto` for callers outside the hot loop: returns the score (and fills `out` when given). */
export function pairScore(ix: MatchIndex, a: number, b: number, w: CompiledWeights, out: Float64Array | null = null): number {
  const o = out ?? new Float64Array(OUT.length);
  scoreInto(ix, a, b, w, o);
  return o[OUT.score];
}
