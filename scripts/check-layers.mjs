// The layering check of `npm test`: dependency-cruiser's rules (.dependency-cruiser.cjs), then no cycle
// between folders — layer folders (server/routes, server/services, workers, …) and the resource folders
// inside them (server/services/cities, server/services/matching, …). Exits 1 on any violation.
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const roots = ['server', 'workers', 'client/src', 'scripts', 'bench'];

const { output } = await cruise(roots, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
const problems = [];
for (const v of output.summary.violations) problems.push(`${v.rule.name}: ${v.from} → ${v.to}`);

/** server/services/cities/x.ts → server/services/cities; workers/processors/x.ts → workers/processors. */
const folderOf = (file, depth) => {
  const parts = file.split('/').slice(0, -1);
  return parts.slice(0, parts[0] === 'server' || parts[0] === 'client' ? depth + 1 : depth).join('/') || '.';
};

function cyclesBetweenFolders(depth) {
  const edges = new Map();
  for (const m of output.modules) {
    if (m.coreModule || m.couldNotResolve || /node_modules/.test(m.source)) continue;
    const from = folderOf(m.source, depth);
    for (const d of m.dependencies) {
      if (d.coreModule || d.couldNotResolve || /node_modules/.test(d.resolved)) continue;
      const to = folderOf(d.resolved, depth);
      // a folder and its own subfolders are one unit (search ↔ search/postgres is one engine)
      if (to === from || to.startsWith(`${from}/`) || from.startsWith(`${to}/`)) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
    }
  }
  // Tarjan's strongly connected components
  let index = 0;
  const idx = new Map(), low = new Map(), stack = [], on = new Set(), sccs = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index++); stack.push(v); on.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do { w = stack.pop(); on.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1) sccs.push(scc);
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return sccs.map((scc) => {
    const inScc = new Set(scc);
    const witnesses = scc.flatMap((a) => [...(edges.get(a) ?? [])].filter(([b]) => inScc.has(b)).map(([, why]) => `    ${why}`));
    return `folder cycle: ${scc.sort().join(' ↔ ')}\n${witnesses.join('\n')}`;
  });
}

problems.push(...cyclesBetweenFolders(1), ...cyclesBetweenFolders(2));
if (problems.length) {
  console.error(`Layering: ${problems.length} violation(s) (docs/architecture.md)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Layering: ${output.summary.totalCruised} modules, ${output.summary.totalDependenciesCruised} dependencies, no violation, no folder cycle`);
