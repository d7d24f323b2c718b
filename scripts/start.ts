// `npm start`: the whole platform in one process (API + socket.io + workers) for a single machine.
// In production run them apart: `npm run start:api` (as many as needed) and `npm run start:worker`.
import '../server/db/pg-runtime.ts'; // first: before pg loads (see the module)
import { loadEnv } from '../server/config/env.ts';
import { resolveDatabase } from '../server/db/resolve-database.ts';
import { createLogger } from '../server/lib/logger.ts';
import { stopOnSignal } from '../server/lib/shutdown.ts';
import { startApi } from '../server/main.ts';
import { startWorkers } from '../workers/main.ts';

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL, 'platform');
const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, logger });
const api = await startApi({ env, logger, databaseUrl: database.url });
const workers = await startWorkers({ env, logger, databaseUrl: database.url });

stopOnSignal(logger, async () => {
  await api.stop();
  await workers.stop();
  await database.stop();
});
