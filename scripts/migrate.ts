// Applies pending migrations (same bookkeeping as `prisma migrate deploy`) and loads reference data.
import { prepareDatabase } from '../server/bootstrap.ts';
import { loadEnv } from '../server/config/env.ts';
import { createDb } from '../server/db/client.ts';
import { resolveDatabase } from '../server/db/resolve-database.ts';
import { createLogger } from '../server/lib/logger.ts';

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL, 'migrate');
const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, logger });
const db = createDb(database.url);
await prepareDatabase({ env, url: database.url, db, logger });
await db.$disconnect();
await database.stop();
