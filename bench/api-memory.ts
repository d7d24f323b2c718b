/**
 * The API process's memory alone, over a database `npm run bench:matching -- --keep` left behind:
 *   BENCH_DB=<its url> npm run bench:api-memory
 * Starts the API as `npm run start:api` does (BENCH_API_ARGS for another command line, bench/api-process.ts),
 * asks it for the matches of 200 random cities after 20 warm-up calls, and prints VmRSS idle, after the
 * calls, the peak (VmHWM) and the lowest in 20 s idle. For comparing ways of running the API quickly;
 * the recorded figures come from bench:matching.
 */
import pg from 'pg';
import { measureApi } from './api-process.ts';

const url = process.env.BENCH_DB;
if (!url) throw new Error('set BENCH_DB to a database loaded by `npm run bench:matching -- --keep`');
const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows } = await client.query<{ id: string }>('SELECT id FROM cities ORDER BY md5(id) LIMIT 200');
await client.end();
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const run = await measureApi(url, rows.map((r) => r.id), { warmup: 20, settleMs: 20_000 });
const p = (q: number) => [...run.http].sort((a, b) => a - b)[Math.ceil(q * run.http.length) - 1].toFixed(1);
console.log(`${run.command}: idle ${mb(run.idle)}, after 1st call ${mb(run.afterFirst)}, after ${rows.length + 20} more ${mb(run.afterRequests)}, peak ${mb(run.peak)}, settled ${mb(run.settled)}; HTTP p50 ${p(0.5)} ms p95 ${p(0.95)} ms`);
