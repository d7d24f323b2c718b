// ESLint over the whole tree (npm run lint, part of npm test). Type-aware rules stay off: tsc --noEmit
// already checks types, and the linter should run in seconds on two cores.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['server/generated/**', 'client/dist/**', 'dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.name='process'][property.name='env']",
        message: 'Read configuration from server/config/env.ts (validated once), not process.env.',
      }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // the classic hook rules; the React Compiler's stricter rules are for code written for the compiler
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // where the environment is read: the env module, entrypoints and scripts that hand it on, tests and benchmarks
    files: ['server/config/env.ts', 'server/main.ts', 'workers/main.ts', 'scripts/**', 'tests/**', 'bench/**', '*.config.ts', 'prisma.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // tests poke at untyped JSON responses
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
