/**
 * Typo distances shared by both engines: the PostgreSQL engine's corrections (postgres/query.ts) and the
 * typo-of-a-synonym correction that both engines apply to the synonym vocabulary (synonyms.ts).
 */

/** Typos tolerated in a word: one from 5 letters, two from 9 (Meilisearch's defaults, the platform's promise). */
export const maxTypos = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/** Optimal string alignment distance (Levenshtein plus swaps of neighbours), capped at `max + 1`. */
export function osaDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const A = [...a];
  const B = [...b];
  const rows: number[][] = [];
  for (let i = 0; i <= A.length; i++) {
    rows.push(new Array(B.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= B.length; j++) rows[0][j] = j;
  for (let i = 1; i <= A.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i][j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[A.length][B.length];
}

/**
 * Whether `candidate` is an acceptable correction of the unknown word `word`: within its typo budget, or,
 * for a 4-letter word, a 5-letter word it lacks one letter of. Returns the distance, or null.
 */
export function typoDistance(word: string, candidate: string, unknown = true): number | null {
  if (candidate === word) return null;
  const budget = maxTypos(word);
  if (budget === 0 && !(word.length === 4 && unknown && candidate.length === 5)) return null;
  const limit = Math.max(1, budget);
  const d = osaDistance(word, candidate, limit);
  return d <= limit ? d : null;
}

/** The terms (folded, as `word` is) that `word` may be a typo of, nearest first (ties in the terms' order). */
export function nearTerms(word: string, terms: Iterable<string>): string[] {
  const near: { t: string; d: number }[] = [];
  for (const t of terms) {
    const d = typoDistance(word, t);
    if (d !== null) near.push({ t, d });
  }
  return near.sort((a, b) => a.d - b.d).map((n) => n.t);
}
