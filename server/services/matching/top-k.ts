import type { MatchIndex } from './match-index.ts';
import { OUT, scoreInto, type CompiledWeights } from './score.ts';

/** Which candidates may be returned at all (filters narrow; they do not change scores). */
export type CandidateFilter = {
  /** bit of a route the candidate must be on */
  routeBit?: number;
  /** role (0 origin, 1 transit, 2 destination) the candidate must hold, on `routeBit` if given */
  role?: number;
  /** bit of a priority the candidate must work on (any stance) */
  priorityBit?: number;
  /** slots never returned (active twins) */
  exclude?: Iterable<number>;
};

/** True when slot `s` passes the route/role/priority filters. */
function passes(ix: MatchIndex, s: number, f: CandidateFilter): boolean {
  if (f.priorityBit !== undefined) {
    const i = s * ix.wp + (f.priorityBit >>> 5), m = 1 << (f.priorityBit & 31);
    if (((ix.offer[i] | ix.seek[i]) & m) === 0) return false;
  }
  if (f.routeBit === undefined && f.role === undefined) return true;
  const first = f.role ?? 0, last = f.role ?? 2;
  for (let r = first; r <= last; r++) {
    const base = (s * 3 + r) * ix.wr;
    if (f.routeBit !== undefined) {
      if ((ix.routes[base + (f.routeBit >>> 5)] & (1 << (f.routeBit & 31))) !== 0) return true;
    } else {
      for (let k = 0; k < ix.wr; k++) if (ix.routes[base + k] !== 0) return true;
    }
  }
  return false;
}

/**
 * The k best candidates for `source`, best first: one pass over every live slot, keeping a size-k
 * min-heap (root = the worst kept), so the cost is n × score + n × log k, never a sort of n. Ties go
 * to the lower slot, so results are stable. Candidates scoring 0 (nothing in common) are never returned.
 */
export function topK(ix: MatchIndex, source: number, w: CompiledWeights, k: number, f: CandidateFilter = {}) {
  const heapScore = new Float64Array(k);
  const heapSlot = new Int32Array(k);
  let n = 0;
  // worse(i, j): heap entry i ranks below entry j
  const worse = (si: number, ti: number, sj: number, tj: number) => si < sj || (si === sj && ti > tj);

  // the city itself and excluded slots are marked in a scratch array, cleared again before returning
  const mask = ix.scratchMask();
  const excluded = [source, ...(f.exclude ?? [])];
  for (const s of excluded) mask[s] = 1;
  const filtered = f.priorityBit !== undefined || f.routeBit !== undefined || f.role !== undefined;
  const { alive, size } = ix;
  const out = new Float64Array(OUT.length);

  try {
    for (let s = 0; s < size; s++) {
      if (alive[s] === 0 || mask[s] === 1) continue;
      if (filtered && !passes(ix, s, f)) continue;
      scoreInto(ix, source, s, w, out, false);
      const score = out[OUT.score];
      if (score <= 0) continue;
      if (n < k) {
        // sift up
        let i = n++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(score, s, heapScore[parent], heapSlot[parent])) break;
          heapScore[i] = heapScore[parent];
          heapSlot[i] = heapSlot[parent];
          i = parent;
        }
        heapScore[i] = score;
        heapSlot[i] = s;
      } else if (worse(heapScore[0], heapSlot[0], score, s)) {
        // replace the root and sift down
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= k) break;
          const r = l + 1;
          const c = r < k && worse(heapScore[r], heapSlot[r], heapScore[l], heapSlot[l]) ? r : l;
          if (!worse(heapScore[c], heapSlot[c], score, s)) break;
          heapScore[i] = heapScore[c];
          heapSlot[i] = heapSlot[c];
          i = c;
        }
        heapScore[i] = score;
        heapSlot[i] = s;
      }
    }
  } finally {
    for (const s of excluded) mask[s] = 0;
  }

  const result = Array.from({ length: n }, (_, i) => ({ slot: heapSlot[i], score: heapScore[i] }));
  return result.sort((p, q) => q.score - p.score || p.slot - q.slot);
}
