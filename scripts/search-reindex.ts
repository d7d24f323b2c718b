// Rebuilds the search index from the published practices, beside the live one, then swaps it in:
// safe while the API serves searches and workers index (see docs/search.md). `npm run search:reindex`
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { loadEnv, type Env } from '../server/config/env.ts';
import { createDb } from '../server/db/client.ts';
import { resolveDatabase } from '../server/db/resolve-database.ts';
import { createLogger, type Logger } from '../server/lib/logger.ts';
import { createSearchEngine } from '../server/services/search/create-engine.ts';
import { createSearchIndexer } from '../server/services/search/indexer.ts';
import type { RebuildProgress } from '../server/services/search/types.ts';

export async function reindexSearch({ env, databaseUrl, logger, onProgress }: { env: Env; databaseUrl: string; logger?: Logger; onProgress?: RebuildProgress }) {
  const db = createDb(databaseUrl, { max: 4 });
  const engine = createSearchEngine({ env, databaseUrl, logger });
  try {
    await engine.setup();
    const started = performance.now();
    const result = await createSearchIndexer({ db, engine }).rebuild(onProgress);
    return { engine: engine.name, ...result, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    await engine.close();
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, 'search-reindex');
  const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, logger });
  const bar = new cliProgress.SingleBar({
    format: 'search index |{bar}| {percentage}% | {value}/{total} practices | {duration_formatted} elapsed, {eta_formatted} left',
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  try {
    const result = await reindexSearch({
      env, databaseUrl: database.url, logger,
      onProgress: (done, total) => {
        if (!started) bar.start(total, done);
        started = true;
        bar.setTotal(total);
        bar.update(done);
      },
    });
    bar.stop();
    console.log(`${result.engine}: ${result.total} published practices indexed in ${result.seconds} s; `
      + `${result.reindexed} changed during the rebuild re-indexed, ${result.removed} removed.`);
  } catch (err) {
    bar.stop();
    console.error('search reindex failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  } finally {
    await database.stop();
  }
}
