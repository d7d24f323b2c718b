import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const BENCHMARKS_DOC = 'docs/benchmarks.md';

/**
 * Writes one benchmark's section of docs/benchmarks.md: replaces `## <title>` up to the next `## ` heading
 * (its `###` subsections go with it), or appends it. Every other section is left as it was.
 */
export function writeBenchmarkSection(title: string, section: string, file = BENCHMARKS_DOC): string {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nMeasured on the project machine; each section is written by its benchmark script.\n';
  const start = current.indexOf(`\n## ${title}\n`);
  let next: string;
  if (start >= 0) {
    const after = current.indexOf('\n## ', start + 1);
    next = current.slice(0, start + 1) + section + (after >= 0 ? current.slice(after) : '');
  } else next = `${current.trimEnd()}\n\n${section}`;
  writeFileSync(file, next);
  return file;
}
