import { defineConfig } from 'vitest/config';

// Browser tests: a real API node serving the built client (npm run build:client first), driven in
// Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
