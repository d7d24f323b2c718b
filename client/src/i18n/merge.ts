export type Messages = { [key: string]: string | Messages };

function deepMerge(into: Messages, from: Messages): Messages {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === 'object' && typeof cur === 'object' ? deepMerge({ ...cur }, v) : v;
  }
  return into;
}

/**
 * Each feature keeps its strings in `features/<feature>.<lng>.json` (one file per feature and language)
 * so features add strings without touching one shared file; they are merged over the core file, in
 * file-name order. messages.ts re-exports it so that it is in the first script.
 */
export function withFeatures(core: Messages, features: Record<string, Messages>): Messages {
  const merged = deepMerge({}, core);
  for (const [, messages] of Object.entries(features).sort(([a], [b]) => a.localeCompare(b))) deepMerge(merged, messages);
  return merged;
}
