import { defineConfig } from 'prisma/config';

// DATABASE_URL is resolved by scripts/db.ts (embedded PostgreSQL fallback) before the CLI runs.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/charter',
    // only `prisma migrate diff --from-migrations` (the drift check in .ci/run) needs it
    ...(process.env.SHADOW_DATABASE_URL ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {}),
  },
});
