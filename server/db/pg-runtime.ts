/**
 * Imported first by every entry point (server/main.ts, workers/main.ts, scripts/start.ts), before `pg`.
 *
 * `pg` (lib/stream.js) asks at load whether it runs in a Cloudflare Worker: through `navigator.userAgent`
 * where `navigator` exists (Node ≥ 21), otherwise by constructing a `Response`. On Node 20 that
 * constructor loads undici (with http2, web streams and llhttp's wasm) for the life of the process,
 * ≈13 MB of RSS, in processes that never call `fetch`. Node 21+ defines a global `navigator` whose
 * `userAgent` is `Node.js/<major>`; this defines the same minimal one on Node 20, so `pg` takes its
 * first branch. Nothing is changed where a `navigator` already exists.
 */
if (!('navigator' in globalThis)) {
  Object.defineProperty(globalThis, 'navigator', {
    value: Object.freeze({ userAgent: `Node.js/${process.versions.node.split('.')[0]}` }),
    configurable: true, enumerable: false, writable: true,
  });
}
export {};
