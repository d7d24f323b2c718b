import type { Logger } from '../../lib/logger.ts';
import { presentPlace } from '../../presenters/place.presenter.ts';
import type { Actor } from '../auth/actor.ts';
import { loadGazetteer } from '../reference/resolve-contributors.ts';
import { buildGazetteerIndex, type GazetteerEntry, type GazetteerIndex } from './gazetteer-index.ts';

/**
 * `GET /api/places`: the gazetteer look-up of the "new city" form. The index (~1.5 s to build, see
 * docs/benchmarks.md for its memory) is built on the first look-up, not at start: most API processes
 * never serve one, and the raw data is dropped once indexed.
 */
export function createPlacesService({ logger, load = loadGazetteer }: { logger: Logger; load?: () => GazetteerEntry[] }) {
  let index: Promise<GazetteerIndex> | undefined;
  const ready = () => (index ??= Promise.resolve().then(() => {
    const started = Date.now();
    const built = buildGazetteerIndex(load());
    logger.info({ places: built.size, ms: Date.now() - started }, 'gazetteer index built');
    return built;
  }).catch((err: unknown) => {
    index = undefined; // a failed build is retried by the next look-up
    throw err;
  }));

  return {
    /** Signed-in users only (the route says so): the index is a shared, costly resource. */
    async search(_actor: Actor, query: { q: string; country?: string; limit: number }) {
      const idx = await ready();
      return { items: idx.search(query.q, { country: query.country, limit: query.limit }).map(presentPlace) };
    },
    warm: () => ready().then(() => undefined),
  };
}

export type PlacesService = ReturnType<typeof createPlacesService>;
