import { createPostgresSearchEngine } from '../../../server/services/search/postgres/engine.ts';
import { searchEngineContract } from './contract.ts';

searchEngineContract('postgres', async ({ databaseUrl }) => ({ engine: createPostgresSearchEngine({ databaseUrl, poolSize: 3 }) }));
