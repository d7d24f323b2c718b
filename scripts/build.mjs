// Plain Node (no dependencies but the project's TypeScript): compiles server/, workers/ and scripts/
// (with the committed Prisma client in server/generated) to dist/, which `npm start`, `start:api`,
// `start:worker` and the Docker image run. `--if-stale`: do nothing when dist/ was built from exactly
// the current sources (a content hash, so a checkout or `touch` that changes nothing does not rebuild).
//
// dist/ mirrors the repository (dist/server, dist/workers, dist/scripts) and gets a copy of prisma/, so
// a path a module computes from import.meta.url (`../../../prisma/seed-data/`) resolves inside dist/
// as it does in the sources. Paths resolved from the working directory (prisma/migrations, client/dist)
// need nothing: the processes run from the repository root (WORKDIR /app in the image).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'dist');
const STAMP = path.join(OUT, '.build-hash');
const SOURCES = ['server', 'workers', 'scripts', 'prisma'];
const FILES = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** sha256 over the relative path and content of every input file, in a stable order. */
export function sourceHash() {
  const hash = createHash('sha256');
  const add = (rel) => {
    hash.update(`${rel}\0`);
    hash.update(readFileSync(path.join(root, rel)));
    hash.update('\0');
  };
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) add(rel);
    }
  };
  for (const dir of SOURCES) if (existsSync(path.join(root, dir))) walk(dir);
  for (const file of FILES) if (existsSync(path.join(root, file))) add(file);
  return hash.digest('hex');
}

export function isStale(hash = sourceHash()) {
  return !existsSync(STAMP) || readFileSync(STAMP, 'utf8').trim() !== hash;
}

/**
 * The generated Prisma client imports its wasm query compiler as a 2.3 MB base64 string module; an ES
 * module is never unloaded, so the process keeps that string and the module's source (4.6 MB of heap,
 * ~7 MB of RSS measured, docs/benchmarks.md) for life. In dist/ the compiler is decoded once into a .wasm
 * file beside the client, which reads it when it first connects. The sources keep the generated code as
 * `prisma generate` writes it (CI checks it is unchanged); if a Prisma upgrade changes that code, the build
 * says so and leaves the client as generated (it still works, with the larger footprint).
 */
async function inlineQueryCompilerAsFile(out) {
  const file = path.join(out, 'server/generated/prisma/internal/class.js');
  const source = readFileSync(file, 'utf8');
  const pattern = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/(query_compiler_[a-z]+_bg\.[a-z]+)\.wasm-base64\.mjs)"\);\s*return await decodeBase64AsWasm\(wasm\);/;
  const match = source.match(pattern);
  if (!match) {
    console.warn('build: the generated Prisma client no longer loads its query compiler as expected; left as generated');
    return;
  }
  const [, specifier, name] = match;
  const { wasm } = await import(specifier);
  writeFileSync(path.join(path.dirname(file), `${name}.wasm`), Buffer.from(wasm, 'base64'));
  writeFileSync(file, source.replace(pattern,
    `const { readFile } = await import('node:fs/promises'); // written by scripts/build.mjs\n` +
    `        return new WebAssembly.Module(await readFile(new URL('./${name}.wasm', import.meta.url)));`));
}

/** Builds into a temporary folder and swaps it in, so a process starting meanwhile never sees half a dist/. */
export async function build() {
  const hash = sourceHash();
  const tmp = `${OUT}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const started = Date.now();
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], { cwd: root, stdio: 'inherit' });
  // non-code files beside the sources (JSON, SQL…; not this script or setup.mjs) and prisma/ (seed data, migrations)
  for (const dir of ['server', 'workers', 'scripts']) {
    cpSync(path.join(root, dir), path.join(tmp, dir), { recursive: true, filter: (src) => !/\.(ts|mts|cts|mjs)$/.test(src) });
  }
  cpSync(path.join(root, 'prisma'), path.join(tmp, 'prisma'), { recursive: true });
  await inlineQueryCompilerAsFile(tmp);
  writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(tmp, '.build-hash'), `${hash}\n`);
  const old = `${OUT}.old-${process.pid}`;
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(tmp, OUT);
  rmSync(old, { recursive: true, force: true });
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  // --if-stale in the Docker image (dist/ without the sources it came from): nothing to build
  if (process.argv.includes('--if-stale') && (!existsSync(path.join(root, 'server')) || !isStale())) process.exit(0);
  await build();
}
