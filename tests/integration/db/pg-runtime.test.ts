import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Loads pg in a fresh node process (after server/db/pg-runtime.ts or not) and lists what it brought in. */
const loadsUndici = (withRuntime: boolean) => {
  const script = `${withRuntime ? "await import('./server/db/pg-runtime.ts');" : ''}
    await import('pg');
    console.log(JSON.stringify(process.moduleLoadList.some((m) => m.includes('deps/undici'))));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim()) as boolean;
};

describe('pg-runtime (imported first by every entry point)', () => {
  it('lets pg load without undici, which its runtime probe (`new Response()`) would keep resident on Node 20', () => {
    expect(loadsUndici(true)).toBe(false);
    // the probe it avoids: without the module, pg loads undici on Node 20 (Node 21+ has a navigator)
    if (Number(process.versions.node.split('.')[0]) < 21) expect(loadsUndici(false)).toBe(true);
  });

  it('is the first import of the API, the worker and the single-process start', () => {
    for (const file of ['server/main.ts', 'workers/main.ts', 'scripts/start.ts']) {
      const firstImport = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('import '));
      expect(firstImport, file).toMatch(/^import '(\.\/|\.\.\/server\/)db\/pg-runtime\.ts';/);
    }
  });
});
