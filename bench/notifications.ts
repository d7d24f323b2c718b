/**
 * Notifications benchmark: `npm run bench:notifications`.
 *
 * In one run, on the same Redis:
 * 1. raw BullMQ: 10,000 trivial jobs (addBulk, a Worker at the same concurrency as ours doing nothing),
 *    from the first add to the last completion;
 * 2. end to end: 10,000 notification-producing events written to the outbox (as producers do, in
 *    chunks of 1,000 rows), through the relay, the `notification.fanout` queue and the worker (its own
 *    process, as `npm run start:worker` runs it) to 10,000 notification rows and 10,000 `notification:new`
 *    pushes received by socket.io clients connected to an API node;
 * 3. the worker's RSS (sampled every 100 ms from /proc, and VmHWM);
 * and writes the results into docs/benchmarks.md under "## Notifications".
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Queue, Worker } from 'bullmq';
import { io as connect, type Socket } from 'socket.io-client';
import { createDb } from '../server/db/client.ts';
import type { JobPayload } from '../server/jobs/jobs.ts';
import { createLogger } from '../server/lib/logger.ts';
import { startApi } from '../server/main.ts';
import { createRedis } from '../server/redis.ts';
import { createOutbox } from '../server/services/outbox/outbox.ts';
import { createUser, signIn } from '../tests/factories/users.ts';
import { testEnv } from '../tests/helpers/app.ts';
import { registerApiNode } from '../tests/helpers/http.ts';
import { spawnWorker } from '../tests/helpers/processes.ts';
import { deleteKeysWithPrefix } from '../tests/helpers/redis-cleanup.ts';
import { createTestDatabase } from '../tests/helpers/test-db.ts';
import { writeBenchmarkSection } from './benchmarks-doc.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const USERS = 50;
const CONCURRENCY = 10; // the workers' default (workers/main.ts)
const FANOUT_CONCURRENCY = 100; // FANOUT_CONCURRENCY's default (server/config/env.ts)
const rawPrefixes: string[] = [];
const log = (...args: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const database = await createTestDatabase('bench_notif');
const env = testEnv(database.url, { LOG_LEVEL: 'warn' });
const db = createDb(database.url, { max: 4 });
const logger = createLogger('warn', 'bench');
const api = await startApi({ env, logger, databaseUrl: database.url, prepare: false });
const baseUrl = `http://127.0.0.1:${api.port}`;
// the test client checks responses against their schemas: it must know this node's routes
registerApiNode(baseUrl, api.responseFor);
const sockets: Socket[] = [];
let worker: ReturnType<typeof spawnWorker> | undefined;

try {
  // ── raw BullMQ, at our workers' default concurrency and at the fan-out's ──
  async function raw(concurrency: number) {
    const rawPrefix = `${env.QUEUE_PREFIX}-raw${concurrency}`;
    rawPrefixes.push(rawPrefix);
    const rawConn = createRedis(env.REDIS_URL, { forWorkers: true });
    const rawQueue = new Queue('raw', { connection: rawConn, prefix: rawPrefix });
    let rawDone = 0;
    let rawFinished: () => void = () => {};
    const rawAll = new Promise<void>((r) => (rawFinished = r));
    const rawWorker = new Worker('raw', async () => null, { connection: rawConn, prefix: rawPrefix, concurrency });
    rawWorker.on('completed', () => {
      if (++rawDone === EVENTS) rawFinished();
    });
    await rawWorker.waitUntilReady();
    const rawStart = performance.now();
    for (let i = 0; i < EVENTS; i += 1000) {
      await rawQueue.addBulk(Array.from({ length: Math.min(1000, EVENTS - i) }, (_, k) => ({ name: 'raw', data: { i: i + k }, opts: { jobId: `raw-${i + k}` } })));
    }
    await rawAll;
    const ms = performance.now() - rawStart;
    await rawWorker.close();
    await rawQueue.close();
    rawConn.disconnect();
    log(`raw BullMQ, concurrency ${concurrency}: ${EVENTS} jobs in ${ms.toFixed(0)} ms (${(EVENTS / (ms / 1000)).toFixed(0)}/s)`);
    return ms;
  }
  const rawRuns = [{ concurrency: CONCURRENCY, ms: await raw(CONCURRENCY) }, { concurrency: FANOUT_CONCURRENCY, ms: await raw(FANOUT_CONCURRENCY) }];
  // the baseline is the faster of the two
  const rawMs = Math.min(...rawRuns.map((r) => r.ms));

  // ── end to end ──
  const users = await Promise.all(Array.from({ length: USERS }, (_, i) => createUser(db, { email: `bench-${i}@example.org` })));
  let pushes = 0;
  let firstPushAt = 0;
  for (const u of users) {
    const { token } = await signIn(baseUrl, u.email);
    const s = connect(baseUrl, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token } });
    s.on('notification:new', () => {
      if (++pushes === 1) firstPushAt = performance.now();
    });
    await new Promise<void>((resolve, reject) => { s.once('connect', () => resolve()); s.once('connect_error', reject); });
    sockets.push(s);
  }
  worker = spawnWorker({
    NODE_ENV: 'production', DATABASE_URL: database.url, REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: env.QUEUE_PREFIX, LOG_LEVEL: 'warn',
    UNSUBSCRIBE_SECRET: 'bench-only-secret-0123456789',
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the worker, written when it stops (where its CPU goes)
  }, process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);
  const outbox = createOutbox();
  const event = (i: number): JobPayload<'notification.fanout'> => ({
    type: 'practice.published', eventKey: `bench-${i}`, actorId: null, subject: { kind: 'practice', id: `p${i}` },
    recipients: [{ kind: 'user', userId: users[i % USERS].id }], data: { title: `Practice ${i}` },
  });
  // warm-up: the worker is up and has run the pipeline once
  await outbox.add(db, { job: 'notification.fanout', key: 'warmup', payload: { ...event(0), eventKey: 'warmup' } });
  for (let i = 0; pushes < 1; i++) {
    if (i > 600) throw new Error(`the worker did not start: ${worker.output}`);
    await sleep(100);
  }
  pushes = 0;
  const status = (field: string) => {
    const m = readFileSync(`/proc/${worker!.pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : NaN;
  };
  const cpuSeconds = () => {
    const f = readFileSync(`/proc/${worker!.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks (100/s)
  };
  const rssIdle = status('VmRSS');
  let rssMax = rssIdle;
  const sampler = setInterval(() => { rssMax = Math.max(rssMax, status('VmRSS')); }, 100);

  const cpuStart = cpuSeconds();
  const benchCpuStart = process.cpuUsage();
  const e2eStart = performance.now();
  for (let i = 0; i < EVENTS; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, EVENTS - i) }, (_, k) => event(i + k));
    await outbox.addMany(db, chunk.map((e) => ({ job: 'notification.fanout' as const, key: e.eventKey, payload: e })));
  }
  // pushes are counted on receipt; the rows are counted once every push has arrived (polling the
  // database meanwhile would load the machine being measured)
  const writtenAt = performance.now();
  while (pushes < EVENTS) await sleep(10);
  const lastPushAt = performance.now();
  const benchCpu = process.cpuUsage(benchCpuStart);
  let rows = 0;
  for (;;) {
    rows = await db.notification.count({ where: { dedupeKey: { startsWith: 'bench-' } } });
    if (rows >= EVENTS) break;
    await sleep(10);
  }
  const e2eMs = performance.now() - e2eStart;
  const workerCpu = (cpuSeconds() - cpuStart) / (e2eMs / 1000);
  clearInterval(sampler);
  const rssPeak = status('VmHWM');
  log(`end to end: ${EVENTS} events → ${rows} rows, ${pushes} pushes in ${e2eMs.toFixed(0)} ms (${(EVENTS / (e2eMs / 1000)).toFixed(0)}/s)`);
  const ratio = rawMs / e2eMs;
  log(`worker CPU during the run: ${(workerCpu * 100).toFixed(0)}% of one core; bench process (producer, API node, socket clients) ${((benchCpu.user + benchCpu.system) / 1000 / e2eMs * 100).toFixed(0)}%`);
  log(`outbox rows written after ${(writtenAt - e2eStart).toFixed(0)} ms, first push at ${(firstPushAt - e2eStart).toFixed(0)} ms, last at ${(lastPushAt - e2eStart).toFixed(0)} ms`);
  log(`ratio end-to-end / raw throughput: ${ratio.toFixed(2)}; worker RSS idle ${(rssIdle / 2 ** 20).toFixed(0)} MB, max sampled ${(rssMax / 2 ** 20).toFixed(0)} MB, VmHWM ${(rssPeak / 2 ** 20).toFixed(0)} MB`);

  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const section = `## Notifications

\`npm run bench:notifications\` (bench/notifications.ts), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load average at the end of the run ${os.loadavg()[0].toFixed(2)} (the machine is shared).

| | events / jobs | time | throughput |
|---|---:|---:|---:|
${rawRuns.map((r) => `| raw BullMQ, trivial jobs (addBulk, concurrency ${r.concurrency}) | ${EVENTS} | ${r.ms.toFixed(0)} ms | ${(EVENTS / (r.ms / 1000)).toFixed(0)}/s |`).join('\n')}
| end to end: outbox → relay → \`notification.fanout\` → rows + \`notification:new\` received by socket clients | ${EVENTS} | ${e2eMs.toFixed(0)} ms | ${(EVENTS / (e2eMs / 1000)).toFixed(0)}/s |

- **Ratio end to end / raw: ${ratio.toFixed(2)}** (target ≥ 0.5, ${ratio >= 0.5 ? 'met' : '**not met**'} in this run), against the faster raw run.
- Timeline from the first outbox write: the bench had written all 10,000 outbox rows after ${(writtenAt - e2eStart).toFixed(0)} ms, the first push arrived at ${(firstPushAt - e2eStart).toFixed(0)} ms, the last at ${(lastPushAt - e2eStart).toFixed(0)} ms. CPU while it ran: worker ${(workerCpu * 100).toFixed(0)}% of one core, bench process (producer, API node, the ${USERS} socket clients) ${((benchCpu.user + benchCpu.system) / 1000 / e2eMs * 100).toFixed(0)}%.
- Worker process (\`node --import tsx workers/main.ts\`, NODE_ENV=production, own process): RSS ${mb(rssIdle)} idle after warm-up, ${mb(rssMax)} at most while sampling every 100 ms, VmHWM ${mb(rssPeak)}.
- Each event: one outbox row (written by the bench with \`outbox.addMany\` in chunks of 1,000, as a producer's transaction would: one \`INSERT … FROM jsonb_to_recordset\`); the relay, woken by the commit (LISTEN/NOTIFY), claims up to 1,000 rows and enqueues one \`notification.fanout\` job per 250 of them (\`addBulk\`, concurrency ${FANOUT_CONCURRENCY}); each job: one preference read, one \`INSERT … ON CONFLICT DO NOTHING RETURNING\` for its 250 rows, then the pushes, pipelined to Redis; no e-mail here (\`practice.published\` goes to the daily digest by default); ${USERS} users, each with a socket.io client on one API node (same process as the bench), counted on receipt.
- Same Redis (127.0.0.1:6379, its own key prefix), same PostgreSQL; the raw runs come first, each on its own prefix.
  \`BENCH_CPU_PROF=<dir>\` writes a V8 CPU profile of the worker.
- How it got here (2026-12-03, same machine, each step one run; the ratio moves with the shared machine's load, the
  raw run more than the end-to-end one):

  | step | load | raw | end to end | ratio | worker CPU |
  |---|---:|---:|---:|---:|---:|
  | before: one fan-out job per event, concurrent jobs written together, relay batches of 200 | 1.0 | 7,730/s | 1,209/s | 0.16 | 87% |
  | one job per 250 outbox rows, recipients in one query, one raw INSERT … RETURNING per batch | 3.6 | 4,513/s | 2,021/s | 0.45 | 29% |
  | \`outbox.addMany\` as one INSERT from a JSON parameter instead of Prisma \`createMany\` | 3.7 | 9,514/s | 3,299/s | 0.35 | 40% |
  | the relay wakes on commit (LISTEN/NOTIFY) instead of its 200 ms poll | 2.5 | 8,675/s | 5,348/s | 0.62 | 61% |
  | the worker's socket publisher pipelines a tick's publishes | 3.1 | 6,783/s | 5,136/s | 0.76 | 65% |

  What the measurements showed on the way: after batching, the worker was no longer the limit (29–35% of a core; a
  CPU profile of it: 3.1 s idle of an 8 s profile, then GC 0.6 s, socket writes 0.4 s — one per publish —, the
  emitter's msgpack 0.1 s, the fan-out 0.2 s); the bench's producer was: Prisma \`createMany\` took 4.8 s to write the
  10,000 outbox rows (0.9–1.7 s as one JSON parameter). Then the relay's poll: it slept 200 ms whenever it found less
  than a full claim, several times per run.
- The same code, run again on 2026-12-03 while other helpers' benchmarks and browser tests loaded the machine:
  ratio 0.51 (load 4.9, 3,686 events/s), 0.44 (load 5.3, 1,735/s), 0.26 (load 6.9 → 8.8, 1,135/s: PostgreSQL-bound,
  4.5 s to write the outbox rows, worker 17% and bench 15% of a core), 0.57 (load 6.9, 3,444/s), and 0.68 at load
  0.85 (5,005/s; the last run, above: 4.1× the 1,209/s of the same load before). **The 0.5
  target was met in 3 of these 5 runs (loads 0.85, 4.9, 6.9), not in 2 (5.3, and 6.9 rising to 8.8)**: on this shared
  2-core machine the result depends on what else runs; when it is saturated every PostgreSQL statement waits, which
  the raw run (Redis only) does not pay. Not tried: tuning the 250-event batch or the 1,000-row
  claim, a second relay, more fan-out concurrency than the pool's 10 connections.
`;
  const file = writeBenchmarkSection('Notifications', section);
  log(`results written to ${file}`);
} finally {
  for (const s of sockets) s.disconnect();
  if (worker) await worker.stop();
  await api.stop();
  await db.$disconnect();
  await deleteKeysWithPrefix(env.REDIS_URL, env.QUEUE_PREFIX);
  for (const p of rawPrefixes) await deleteKeysWithPrefix(env.REDIS_URL, p);
  await database.drop();
}
