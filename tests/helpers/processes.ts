import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A free TCP port on 127.0.0.1 (asked of the OS), within [20000, 30000] when `range` is set. */
export async function freePort(range = false): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const want = range ? 20000 + Math.floor(Math.random() * 10000) : 0;
    const port = await new Promise<number | null>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(null));
      s.listen(want, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    if (port) return port;
  }
  throw new Error('no free port');
}

/**
 * The worker as its own process, exactly as `npm run start:worker` runs it, with the test's env.
 * `kill9()` models a crash; `stop()` a deploy (SIGTERM: in-flight jobs finish).
 */
export function spawnWorker(env: Record<string, string>, nodeArgs: string[] = []) {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'workers/main.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid!,
    get output() { return output; },
    exited,
    kill9() {
      child.kill('SIGKILL');
      return exited;
    },
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** This test's own redis-server (never the shared 6379), without persistence, on a random port. */
export async function startOwnRedis(port?: number) {
  const p = port ?? (await freePort(true));
  execFileSync('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
  const url = `redis://127.0.0.1:${p}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return {
    port: p,
    url,
    /** Stops exactly this server (SHUTDOWN NOSAVE on its own port). */
    stop() {
      try {
        execFileSync('redis-cli', ['-p', String(p), 'shutdown', 'nosave'], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
    },
  };
}
