// Plain Node (no dependencies): run before `npm start` so a fresh clone needs no other step.
// Installs packages when missing or stale and builds the client when it has not been built.
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
if (!existsSync('client/dist/index.html')) run('npx vite build');
