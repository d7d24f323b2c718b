import type { Db } from '../../db/client.ts';
import { pick, type Lang } from '../../lib/lang.ts';

export type Taxonomy = Awaited<ReturnType<ReturnType<typeof createTaxonomyService>['load']>>;

/**
 * The Charter's 7 principles × 5 priorities. Reference data that changes only with a migration or
 * seed, so it is read once and kept: every request that validates priority codes uses it.
 */
export function createTaxonomyService({ db }: { db: Db }) {
  let cached: Promise<{
    principles: { slug: string; order: number; label: unknown; theme: unknown; priorities: { code: string; n: number; label: unknown }[] }[];
    codes: Set<string>;
  }> | undefined;

  async function read() {
    const principles = await db.principle.findMany({
      orderBy: { order: 'asc' },
      include: { priorities: { orderBy: { n: 'asc' }, select: { code: true, n: true, label: true } } },
    });
    return { principles, codes: new Set(principles.flatMap((p) => p.priorities.map((q) => q.code))) };
  }

  async function load() {
    cached ??= read().catch((err) => {
      cached = undefined;
      throw err;
    });
    const data = await cached;
    // an empty taxonomy means the seed has not run yet: do not keep it
    if (data.codes.size === 0) cached = undefined;
    return data;
  }

  return {
    load,
    async localized(lang: Lang) {
      const { principles } = await load();
      return principles.map((p) => ({
        slug: p.slug,
        order: p.order,
        label: pick(p.label, lang),
        theme: pick(p.theme, lang),
        priorities: p.priorities.map((q) => ({ code: q.code, n: q.n, label: pick(q.label, lang) })),
      }));
    },
    /** Returns the codes that are not Charter priorities. */
    async unknownCodes(codes: string[]) {
      const { codes: known } = await load();
      return codes.filter((c) => !known.has(c));
    },
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
