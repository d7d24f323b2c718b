import type { Db } from '../../db/client.ts';
import { createSearchDocumentSource } from './documents.ts';
import type { RebuildProgress, SearchEngine } from './types.ts';

/** Reads batch n+1 while the engine writes batch n: the database and Node work at the same time. */
async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      yield current.value;
    }
  } finally {
    // the consumer stopped early (an error): let the read in flight finish quietly, then close the source
    void next.then(() => it.return?.(), () => {});
  }
}

/** pg_advisory_xact_lock namespace: "index one practice". */
const PRACTICE_LOCK = 0x5ea_1d;

/**
 * Keeps an engine's index equal to the published practices. Every write re-reads the practice, so
 * running a job twice, late or out of order leaves the index right: the last run sees the last commit.
 */
export function createSearchIndexer({ db, engine }: { db: Db; engine: SearchEngine }) {
  const source = createSearchDocumentSource({ db });

  /** Upserts the practice's document if it is published, removes it otherwise. */
  async function indexPractice(practiceId: string) {
    // one writer per practice at a time, across workers: read-then-write cannot interleave
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PRACTICE_LOCK}::int, hashtext(${practiceId}))`;
      const [doc] = await createSearchDocumentSource({ db: tx }).byIds([practiceId]);
      if (doc) await engine.upsert([doc]);
      else await engine.remove([practiceId]);
      return { practiceId, action: doc ? 'upserted' : 'removed', version: doc?.version ?? null };
    }, { timeout: 60_000, maxWait: 10_000 });
  }

  /** Brings the index in line with the database: what is missing or stale is indexed, the rest removed. */
  async function reconcile() {
    const [published, indexed] = await Promise.all([source.publishedVersions(), engine.indexedVersions()]);
    const stale = [...published].filter(([id, v]) => indexed.get(id) !== v).map(([id]) => id);
    const extra = [...indexed.keys()].filter((id) => !published.has(id));
    for (const id of [...stale, ...extra]) await indexPractice(id);
    return { reindexed: stale.length, removed: extra.length };
  }

  return {
    indexPractice,
    reconcile,
    /**
     * A full rebuild beside the live index, swapped in atomically, then a reconcile for the practices
     * that changed while it was being built (their jobs wrote to the index that was swapped out).
     */
    async rebuild(onProgress?: RebuildProgress, batchSize = 500) {
      const total = await source.countPublished();
      await engine.rebuild(prefetched(source.allPublished(batchSize)), total, onProgress);
      return { total, ...(await reconcile()) };
    },
  };
}

export type SearchIndexer = ReturnType<typeof createSearchIndexer>;
