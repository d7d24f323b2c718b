import type { Env } from '../../config/env.ts';
import type { Logger } from '../../lib/logger.ts';
import { createMeilisearchEngine } from './meilisearch/engine.ts';
import { createPostgresSearchEngine } from './postgres/engine.ts';
import type { SearchEngine } from './types.ts';

/** MEILI_URL set → Meilisearch; otherwise the built-in PostgreSQL engine (no extra service). */
export function createSearchEngine({ env, databaseUrl, logger }: { env: Env; databaseUrl: string; logger?: Logger }): SearchEngine {
  if (env.MEILI_URL) {
    return createMeilisearchEngine({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, indexUid: `${env.SEARCH_INDEX_PREFIX}_practices`, logger });
  }
  return createPostgresSearchEngine({ databaseUrl, logger });
}
