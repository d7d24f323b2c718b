import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { createMeilisearchEngine } from '../../../server/services/search/meilisearch/engine.ts';
import { searchEngineContract } from './contract.ts';

const url = process.env.MEILI_URL;
const apiKey = process.env.MEILI_MASTER_KEY;

// Runs whenever a Meilisearch server is configured (docker-compose.yml starts one); skipped otherwise.
describe.skipIf(!url)('Meilisearch', () => {
  searchEngineContract('meilisearch', async () => {
    const indexUid = `test_${randomBytes(4).toString('hex')}_practices`;
    return {
      engine: createMeilisearchEngine({ url: url!, apiKey, indexUid }),
      cleanup: async () => {
        await new Meilisearch({ host: url!, apiKey }).deleteIndex(indexUid).waitTask().catch(() => {});
      },
    };
  });
});
