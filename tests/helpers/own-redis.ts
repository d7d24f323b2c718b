import { execFile, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A redis-server of this test's own on a random port (20000-30000), never the shared one on 6379,
 * so a test can really stop Redis and start it again. Only this process is ever stopped.
 */
export async function startOwnRedis() {
  const port = randomInt(20000, 30000);
  const url = `redis://127.0.0.1:${port}`;
  let pid: number | undefined;

  const ping = async () => run('redis-cli', ['-p', String(port), 'ping']).then((r) => r.stdout.trim() === 'PONG', () => false);

  async function start() {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    pid = child.pid;
    child.unref();
    for (let i = 0; i < 100; i++) {
      if (await ping()) return;
      await sleep(50);
    }
    throw new Error(`redis-server on ${port} did not start`);
  }

  /** Stops it for real (SIGTERM to the process this helper started) and waits until it is gone. */
  async function stop() {
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 100 && (await ping()); i++) await sleep(50);
    pid = undefined;
  }

  await start();
  return { port, url, start, stop, ping };
}
