/**
 * Requests a page starts before the components that show their answers mount: on a slow link a city's
 * practices and peers then come one round trip after the page, not two (after the city, then after
 * them). A component takes its answer once; an answer not taken within a few seconds is dropped, so a
 * later visit asks again.
 */
const KEEP_MS = 15_000;
const early = new Map<string, { at: number; promise: Promise<unknown> }>();

export function startEarly(key: string, load: () => Promise<unknown>): void {
  const now = Date.now();
  for (const [k, e] of early) if (now - e.at > KEEP_MS) early.delete(k);
  if (early.has(key)) return;
  const promise = load();
  promise.catch(() => undefined); // the component that takes it reports the error
  early.set(key, { at: now, promise });
}

/** The answer started for `key`, if any and recent; otherwise `load()`. */
export function takeEarly<T>(key: string, load: () => Promise<T>): Promise<T> {
  const e = early.get(key);
  early.delete(key);
  return e && Date.now() - e.at <= KEEP_MS ? (e.promise as Promise<T>) : load();
}
