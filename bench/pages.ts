/**
 * Page weight and load under a slow connection: `npm run bench:pages`.
 *
 * Starts a real API node serving the built client (client/dist) over its own database with the sample
 * network loaded (so pages have content), then, in Debian's Chromium (playwright-core), loads each main
 * page cold (cache cleared) under DevTools' "Slow 4G" profile (CDP Network.emulateNetworkConditions:
 * 562.5 ms latency, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up; the CPU is not slowed) and records:
 * - bytes over the wire: the sum of `encodedDataLength` of every response (headers + compressed body);
 * - requests;
 * - time to interactive: navigation start → the page's heading is shown, no loading state is left and
 *   the network has been quiet (Playwright's "networkidle": no request for 500 ms, not counted);
 * - LCP and CLS from PerformanceObserver (largest-contentful-paint, layout-shift without recent input).
 * Lighthouse 13 needs Node ≥ 22.19 (this machine runs Node 20), so these are measured here instead.
 * Writes the table into docs/benchmarks.md under "## Pages over a slow connection".
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { startTestApp } from '../tests/helpers/app.ts';
import { createOutbox } from '../server/services/outbox/outbox.ts';
import { createSampleData } from '../server/services/sample/sample-data.ts';
import { writeBenchmarkSection } from './benchmarks-doc.ts';

const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// BENCH_WATERFALL=1 prints each page's requests of the last round (start → end, bytes): where the time goes
const WATERFALL = process.env.BENCH_WATERFALL === '1';
const ONLY = process.env.BENCH_PAGES?.split(',');
const log = (...args: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

if (!existsSync('client/dist/index.html')) throw new Error('Build the client first (npm run bench:pages does)');
const app = await startTestApp({ label: 'bench_pages', env: { CLIENT_DIST: 'client/dist' } });
const browser = await launchBrowser();
try {
  await createSampleData({ db: app.db, outbox: createOutbox() }).load();
  const city = await app.db.city.findFirstOrThrow({ where: { isSample: true }, orderBy: { name: 'asc' } });
  const practice = await app.db.practice.findFirstOrThrow({ where: { isSample: true }, orderBy: { title: 'asc' } });
  const pages = [
    ['Home', '/'], ['Cities', '/cities'], ['City', `/cities/${city.id}`], ['Practices', '/practices'],
    ['Practice', `/practices/${practice.id}`], ['Routes', '/routes'], ['Route', '/routes/central-mediterranean'],
    ['Charter', '/taxonomy'], ['Sign in', '/signin'],
  ] as const;

  await browser.context.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __cls: number };
    w.__lcp = 0; w.__cls = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });

  type Row = { name: string; path: string; bytes: number[]; requests: number[]; tti: number[]; lcp: number[]; cls: number[]; consoleErrors: string[] };
  const rows: Row[] = pages.filter(([name]) => !ONLY || ONLY.includes(name)).map(([name, path]) => ({ name, path, bytes: [], requests: [], tti: [], lcp: [], cls: [], consoleErrors: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const row of rows) {
      const page = await browser.context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') row.consoleErrors.push(m.text()); });
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      let bytes = 0, requests = 0;
      const sent = new Map<string, { url: string; at: number }>();
      const waterfall: string[] = [];
      let t0 = 0;
      cdp.on('Network.requestWillBeSent', (e: { requestId: string; timestamp: number; request: { url: string } }) => {
        t0 ||= e.timestamp;
        sent.set(e.requestId, { url: e.request.url.replace(app.baseUrl, ''), at: e.timestamp });
      });
      cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
        bytes += e.encodedDataLength; requests++;
        const r = sent.get(e.requestId);
        if (r) waterfall.push(`  ${((r.at - t0) * 1000).toFixed(0).padStart(5)} → ${((e.timestamp - t0) * 1000).toFixed(0).padStart(5)} ms ${(e.encodedDataLength / 1024).toFixed(1).padStart(6)} KB ${r.url.slice(0, 110)}`);
      });
      await page.goto(`${app.baseUrl}${row.path}`, { waitUntil: 'networkidle', timeout: 120_000 });
      await page.locator('main h1').first().waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => !document.querySelector('main .loading, main .page-fallback'), undefined, { timeout: 60_000 });
      const m = await page.evaluate(() => {
        const w = window as unknown as { __lcp: number; __cls: number };
        return { now: performance.now(), lcp: w.__lcp, cls: w.__cls };
      });
      // networkidle waits 500 ms of quiet after the last response: not part of the page's own time
      row.tti.push(Math.max(0, m.now - 500)); row.lcp.push(m.lcp); row.cls.push(m.cls);
      row.bytes.push(bytes); row.requests.push(requests);
      if (WATERFALL && round === ROUNDS - 1) log(`${row.name} ${row.path}\n${waterfall.join('\n')}`);
      await cdp.detach();
      await page.close();
    }
    log(`round ${round + 1}/${ROUNDS} done`);
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const table = rows.map((r) => `| ${r.name} | \`${r.path.replace(/[a-z0-9]{20,}/, ':id')}\` | ${kb(median(r.bytes))} | ${median(r.requests)} | ${s(median(r.tti))} | ${s(median(r.lcp))} | ${median(r.cls).toFixed(3)} |`).join('\n');
  const errors = [...new Set(rows.flatMap((r) => r.consoleErrors))];
  for (const r of rows) log(r.name, kb(median(r.bytes)), median(r.requests), 'req', s(median(r.tti)), 'LCP', s(median(r.lcp)), 'CLS', median(r.cls).toFixed(3));
  const section = `## Pages over a slow connection

\`npm run bench:pages\` (bench/pages.ts) — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores, shared), Node ${process.version}, Debian Chromium headless, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end.
Each page loaded cold (cache cleared) under DevTools' "Slow 4G" (CDP \`Network.emulateNetworkConditions\`: 562.5 ms latency,
1.44 Mbit/s down, 675 kbit/s up; CPU not slowed), median of ${ROUNDS} rounds, against a real API node serving \`client/dist\` with
compression on and the sample network loaded. *Bytes* are everything over the wire (headers + gzip/brotli bodies, API calls
included); *interactive* is navigation start → heading shown, no loading state left and the network quiet; LCP and CLS come
from PerformanceObserver. Lighthouse 13 needs Node ≥ 22.19 and cannot run on this Node 20 machine, so it is not used.

| page | path | bytes over the wire | requests | interactive | LCP | CLS |
|---|---|---|---|---|---|---|
${table}

Target: the first page ≤ 150 KB over the wire (before issue 11 every page sent one uncompressed 421 KB script), LCP < 2.5 s and
CLS < 0.1. Chromium offers brotli to \`http://127.0.0.1\` (a trustworthy origin) and the server now prefers it whenever it is
offered, so these are the brotli-11 twins (over HTTPS too; a plain-HTTP remote host would get the gzip -9 twins, ~15 % larger).

Before the slow-connections pass of 2026-12-03 (1 round, gzip): Home 226.2 KB / LCP 3.02 s, Cities 163.2 KB, City 190.9 KB / 30
requests / LCP 5.43 s, Practices 171.9 KB, Practice 173.2 KB, Routes 162.9 KB, Route 220.5 KB / LCP 4.01 s, Charter 161.5 KB,
Sign in 160.9 KB / LCP 2.41 s. What changed (measured in cumulative steps of 1 round each, not one by one): the strings of the reader's language only, one
chunk per language fetched beside the page's chunk (all three were in the shared script: −20 KB on every page); what every page
runs in one script and small shared modules in one chunk, common chunks under 6 KB inlined into their pages (City 30 → 15
requests: at ~1.3 KB of headers each on a slow link, fewer requests are fewer bytes); hashed assets without the document's
security headers and validators (−0.8 KB a request); brotli preferred (−13 % on scripts); the map's countries projected,
simplified and quantized at build time (\`scripts/gen-world-paths.mjs\`), so the client has no d3-geo, topojson or world-atlas
(map chunk 51 → 17 KB); the session, a city's practices/peers/routes and a route's map asked for beside the page's own data,
not after it. What is left is mostly React DOM, React Router and i18next (~93 KB brotli, shared by every page). LCP is still
above 2.5 s on the pages whose content comes from the API: the page's scripts are only known once the shared script has run
(~1.8 s on this link), then one round trip for the data; server-side preload hints in the HTML (page chunk, language, data) are
what would take the next ~0.6 s off — not done. Console errors during the runs: ${errors.length ? errors.slice(0, 5).map((e) => `\`${e.slice(0, 120)}\``).join('; ') : 'none'}.
`;
  if (ONLY) log(`BENCH_PAGES set: a partial run, docs/benchmarks.md left as it is`);
  else {
    const docPath = writeBenchmarkSection('Pages over a slow connection', section);
    log(`results written to ${docPath}`);
  }
} finally {
  await browser.close();
  await app.stop();
}
