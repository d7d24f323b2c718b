// Loads a clearly labelled sample network so a new installation can be explored; never run by default.
// `npm run seed:sample` loads it (once), `npm run seed:sample -- --remove` deletes exactly those rows.
import { loadEnv } from '../server/config/env.ts';
import { createDb } from '../server/db/client.ts';
import { resolveDatabase } from '../server/db/resolve-database.ts';
import { createLogger } from '../server/lib/logger.ts';
import { createOutbox } from '../server/services/outbox/outbox.ts';
import { createSampleData } from '../server/services/sample/sample-data.ts';

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, 'seed-sample');
const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, logger });
const db = createDb(database.url, { max: 2 });
const sample = createSampleData({ db, outbox: createOutbox() });
const show = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${v} ${k}`).join(', ');
try {
  if (process.argv.includes('--remove')) {
    const removed = await sample.remove();
    console.log(`Sample data removed: ${show(removed)}.`);
  } else {
    const { created, counts } = await sample.load();
    console.log(created
      ? `Sample data loaded: ${show(counts)}. Every sample record shows a "Sample" badge; remove it with npm run seed:sample -- --remove.`
      : `Sample data is already loaded (${show(counts)}); nothing changed.`);
    console.log('Matches include the sample cities after the next index rebuild (or restart the API); search after the worker indexes the practices.');
  }
} catch (err) {
  console.error('seed:sample failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await database.stop();
}
