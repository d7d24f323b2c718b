// Plain Node (no dependencies): run before `npm start` so a fresh clone needs no other step.
// Installs packages when missing or stale, compiles the server (dist/) when missing or built from other
// sources (scripts/build.mjs), and builds the client when it has not been built.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd) => {
  console.log(`> ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: use Node 20.19 or newer.`);
  process.exit(1);
}
if (!existsSync('node_modules/.package-lock.json') || mtime('package-lock.json') > mtime('node_modules/.package-lock.json')) {
  run('npm ci --no-audit --no-fund');
}
// after npm ci: the build needs TypeScript from node_modules
const { build, isStale } = await import('./build.mjs');
if (isStale()) {
  console.log('> node scripts/build.mjs   (dist/ missing or built from other sources)');
  await build();
}
if (!existsSync('client/dist/index.html')) run('npx vite build');
