import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type NodeStep = { env: Record<string, string>; args: string[]; label: string };

/**
 * A package.json script made of `[VAR=value …] [exec] node …` steps joined by `&&`, so a test or benchmark can
 * run exactly what `npm run <name>` runs, with node as its own process (signals reach it, /proc shows it).
 */
export function npmScriptSteps(name: string): NodeStep[] {
  const script: string | undefined = JSON.parse(readFileSync('package.json', 'utf8')).scripts[name];
  if (!script) throw new Error(`package.json has no script "${name}"`);
  return script.split('&&').map((step) => {
    const words = step.trim().split(/\s+/);
    const env: Record<string, string> = {};
    while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
      const [k, ...v] = words.shift()!.split('=');
      env[k] = v.join('=');
    }
    if (words[0] === 'exec') words.shift(); // the shell hands its process to node: npm's signals reach node
    if (words[0] !== 'node') throw new Error(`npm run ${name}: "${step.trim()}" is not a node command`);
    return { env, args: words.slice(1), label: step.trim() };
  });
}

/** Runs every step of the script but the last (e.g. the build when stale) and returns the last one. */
export function prepareNpmScript(name: string): NodeStep {
  const steps = npmScriptSteps(name);
  for (const step of steps.slice(0, -1)) {
    execFileSync(process.execPath, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  }
  return steps[steps.length - 1];
}
