import { createSearchIndexer } from '../../server/services/search/indexer.ts';
import type { Processor } from '../processor.ts';

/** Puts the practice's current state into the search index (or takes it out): idempotent. */
export const searchIndexPractice: Processor<'search.index-practice'> = (payload, { db, search }) =>
  createSearchIndexer({ db, engine: search }).indexPractice(payload.practiceId);
