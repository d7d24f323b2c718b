import type { Env } from './config/env.ts';
import type { Db } from './db/client.ts';
import { applyMigrations } from './db/migrate.ts';
import type { Logger } from './lib/logger.ts';
import { createAuthService } from './services/auth/auth.service.ts';
import { createReferenceSeeder } from './services/reference/seed.ts';

/** Brings a database to the state the code expects: migrated, reference data loaded, admin present. */
export async function prepareDatabase({ env, url, db, logger }: { env: Env; url: string; db: Db; logger: Logger }) {
  const { applied } = await applyMigrations(url);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const seeder = createReferenceSeeder({ db });
  if (!(await seeder.isSeeded())) {
    const report = await seeder.seed();
    logger.info({ report }, 'reference data seeded');
  }
  if (env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD) {
    const { created } = await createAuthService({ db, sessionTtlDays: env.SESSION_TTL_DAYS })
      .ensureBootstrapAdmin(env.BOOTSTRAP_ADMIN_EMAIL, env.BOOTSTRAP_ADMIN_PASSWORD);
    if (created) logger.info({ email: env.BOOTSTRAP_ADMIN_EMAIL }, 'platform admin created');
  }
}
