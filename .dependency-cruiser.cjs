/**
 * The layering of docs/architecture.md, checked on every `npm test` (npm run lint:layers).
 * Folder-level cycles are checked by scripts/check-layers.mjs from the same dependency graph.
 */
module.exports = {
  forbidden: [
    {
      name: 'routes-no-database',
      comment: 'Handlers validate, call one service with the Actor and return: the database is the services\' business.',
      severity: 'error',
      from: { path: '^server/routes/' },
      to: { path: ['^server/db/', '^server/generated/', '^@prisma/', '^server/policies/', '^server/services/auth/principal\\.ts$'] },
    },
    {
      name: 'routes-no-prisma-package',
      severity: 'error',
      from: { path: '^server/routes/' },
      to: { dependencyTypes: ['npm'], path: '@prisma' },
    },
    {
      name: 'services-no-transport',
      comment: 'Services know nothing of HTTP or sockets: they are called by routes, workers and scripts alike.',
      severity: 'error',
      from: { path: '^server/services/' },
      to: { path: ['^server/routes/', '^server/http/', '^server/middleware/', '^server/realtime/socket\\.ts$', '^server/app\\.ts$', '^workers/'] },
    },
    {
      name: 'services-no-express-socketio',
      severity: 'error',
      from: { path: '^server/services/' },
      to: { dependencyTypes: ['npm', 'npm-dev'], path: '(^|/)node_modules/(express|socket\\.io|@types/express)(/|$)' },
    },
    {
      name: 'policies-are-pure',
      comment: 'Policies are pure functions of a Principal and facts: no I/O.',
      severity: 'error',
      from: { path: '^server/policies/' },
      to: { path: ['^server/db/', '^server/services/', '^server/routes/', '^workers/'] },
    },
    {
      name: 'contract-stands-alone',
      comment: 'The contract is shared with the client: it may import zod and itself only.',
      severity: 'error',
      from: { path: '^server/contract/' },
      to: { path: '^(server/(?!contract/)|workers/|client/)' },
    },
    {
      name: 'workers-no-routes',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: ['^server/routes/', '^server/http/', '^server/app\\.ts$'] },
    },
    {
      name: 'client-only-contract',
      comment: 'The client reaches the server only through the contract.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server/(?!contract/)|workers/|prisma/)' },
    },
    {
      name: 'client-contract-types-only',
      comment: 'The client imports the contract for its types; no server code is bundled. Only client/src/validation/ ' +
        'may import its zod schemas as values (forms validate with the very schemas the API uses; the contract imports nothing but zod).',
      severity: 'error',
      from: { path: '^client/', pathNot: '^client/src/validation/' },
      to: { path: '^server/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^server/generated/', 'node_modules', '^client/dist/', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
