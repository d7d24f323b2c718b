import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { prepareNpmScript, type NodeStep } from '../tests/helpers/npm-script.ts';

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function freePort() {
  return new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

export type ApiRun = {
  /** VmRSS right after /healthz answers */
  idle: number;
  /** after the first matches request, which builds the index */
  afterFirst: number;
  firstCallMs: number;
  /** after all requests */
  afterRequests: number;
  /** VmHWM: the most the process ever held */
  peak: number;
  /** the lowest VmRSS seen while idle afterwards (V8 gives back garbage it kept) */
  settled: number;
  /** latencies of the timed requests */
  http: number[];
  /** the command line that ran the API (`node …`) */
  command: string;
};

/**
 * The API's command line: package.json's `start:api` (the build when stale, then `MALLOC_ARENA_MAX=2 node
 * <flags> dist/server/main.js`), so the benchmark measures exactly what an operator runs. BENCH_API_ARGS
 * (node's arguments, e.g. `--max-semi-space-size=2 --import tsx server/main.ts`) measures another way of
 * running it, in the environment as it is.
 */
export function apiCommand(): NodeStep {
  if (process.env.BENCH_API_ARGS) {
    const args = process.env.BENCH_API_ARGS.split(/\s+/).filter(Boolean);
    const arena = process.env.MALLOC_ARENA_MAX ? `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX} ` : '';
    return { args, env: {}, label: `${arena}node ${args.join(' ')}` };
  }
  return prepareNpmScript('start:api');
}

/**
 * Starts a real API process (as `npm run start:api` does, see apiCommand) over a database, asks it for
 * matches, and reads its memory from /proc: what an operator would see.
 */
export async function measureApi(databaseUrl: string, sources: string[], opts: {
  warmup: number;
  settleMs: number;
  /** The request for a source (default: the matches of the city with that id). */
  path?: (source: string) => string;
}): Promise<ApiRun> {
  const port = await freePort();
  const command = apiCommand();
  const api = spawn(process.execPath, command.args, {
    env: { ...process.env, ...command.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench-${port}`, NODE_ENV: 'production',
      // production requires it (RFC 8058 unsubscribe links); the benchmark sends no mail
      UNSUBSCRIBE_SECRET: process.env.UNSUBSCRIBE_SECRET ?? 'bench-unsubscribe-secret-not-for-mail' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const status = (field: string) => {
    const m = readFileSync(`/proc/${api.pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : NaN;
  };
  const exited = new Promise<number | null>((res) => api.once('exit', (code) => res(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const base = `http://127.0.0.1:${port}`;
  const get = async (id: string) => {
    const res = await fetch(`${base}${opts.path ? opts.path(id) : `/api/cities/${id}/matches?limit=20`}`);
    if (!res.ok) throw new Error(`${opts.path ? 'the API' : 'matches'} answered ${res.status}`);
    await res.json();
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch { /* not up yet */ }
      if (gone) throw new Error(`the API process exited during start (code ${api.exitCode})`);
      if (i > 600) throw new Error('API did not start within 60 s');
      await sleep(100);
    }
    await sleep(1000);
    const idle = status('VmRSS');
    let t = performance.now();
    await get(sources[0]);
    const firstCallMs = performance.now() - t;
    const afterFirst = status('VmRSS');
    for (const id of sources.slice(0, opts.warmup)) await get(id);
    const http: number[] = [];
    for (const id of sources) {
      t = performance.now();
      await get(id);
      http.push(performance.now() - t);
    }
    const afterRequests = status('VmRSS');
    let settled = afterRequests;
    for (let waited = 0; waited < opts.settleMs; waited += 2500) {
      await sleep(2500);
      settled = Math.min(settled, status('VmRSS'));
    }
    return { idle, afterFirst, firstCallMs, afterRequests, peak: status('VmHWM'), settled, http, command: command.label };
  } finally {
    if (!gone) api.kill('SIGTERM');
    await exited;
  }
}
