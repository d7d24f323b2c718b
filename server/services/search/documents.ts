import type { DbOrTx } from '../../db/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { markdownToText } from '../practices/markdown.ts';
import { TARGET_GROUPS, type TargetGroup } from '../../contract/target-groups.ts';
import type { HowTo } from '../../presenters/practice.presenter.ts';
import { stripMarkers } from './highlight.ts';
import type { SearchDocument } from './types.ts';
import { UI_LANGUAGES, type UiLanguage } from '../../contract/common.ts';

const LANGS = UI_LANGUAGES;
type Labels = Partial<Record<UiLanguage, string>>;

const include = {
  city: { select: {
    id: true, name: true, countryCode: true, country: { select: { names: true, region: true } },
    networks: { select: { network: { select: { slug: true } } } },
  } },
  priorities: { select: { priority: { select: { code: true, label: true, principle: { select: { slug: true, label: true } } } } } },
  routes: { select: { route: { select: { slug: true, name: true, names: true } } } },
} as const satisfies Prisma.PracticeInclude;

type Row = Prisma.PracticeGetPayload<{ include: typeof include }>;

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** A practice as the search engines index it. Pure: the same row always gives the same document. */
export function toSearchDocument(p: Row): SearchDocument {
  const howTo = (p.howTo ?? {}) as HowTo;
  const text = [
    markdownToText(p.body),
    howTo.process, howTo.challenges, howTo.successFactors, howTo.transferability,
    p.outcomes,
  ].filter(Boolean).join('\n');
  const priorities = p.priorities.map((x) => x.priority).sort((a, b) => a.code.localeCompare(b.code));
  const principles = uniq(priorities.map((x) => x.principle.slug));
  const labelSources: Labels[] = [
    ...priorities.map((x) => x.label as Labels),
    ...new Map(priorities.map((x) => [x.principle.slug, x.principle.label as Labels])).values(),
    ...p.targetGroups.filter((g): g is TargetGroup => g in TARGET_GROUPS).map((g) => TARGET_GROUPS[g] as Labels),
  ];
  const names = (p.city.country?.names ?? {}) as Labels;
  return {
    id: p.id,
    version: p.version,
    title: stripMarkers(p.title),
    summary: stripMarkers(p.summary),
    bodyText: stripMarkers(text),
    language: p.language,
    city: { id: p.city.id, name: p.city.name, country: p.city.countryCode },
    countryNames: uniq(LANGS.map((l) => names[l]).filter((n): n is string => !!n)),
    region: p.city.country?.region ?? null,
    priorities: priorities.map((x) => x.code),
    principles,
    routes: p.routes.map((r) => r.route.slug).sort(),
    // every language's name, so "Méditerranée centrale" finds what "Central Mediterranean" does
    routeNames: uniq(p.routes.flatMap((r) => [r.route.name, ...LANGS.map((l) => (r.route.names as Labels)[l])]).filter((n): n is string => !!n)),
    targetGroups: [...p.targetGroups].sort(),
    networks: p.city.networks.map((n) => n.network.slug).sort(),
    labels: Object.fromEntries(LANGS.map((l) => [l, uniq(labelSources.map((s) => s[l]).filter((x): x is string => !!x))])) as SearchDocument['labels'],
    publishedAt: p.publishedAt?.toISOString() ?? null,
  };
}

/** Reads published practices from the database as search documents. */
export function createSearchDocumentSource({ db }: { db: DbOrTx }) {
  return {
    /** The documents of those ids that are published; the others belong out of the index. */
    async byIds(ids: string[]) {
      const rows = await db.practice.findMany({ where: { id: { in: ids }, status: 'published' }, include });
      return rows.map(toSearchDocument);
    },
    /** id → version of every published practice. */
    async publishedVersions() {
      const rows = await db.practice.findMany({ where: { status: 'published' }, select: { id: true, version: true } });
      return new Map(rows.map((r) => [r.id, r.version]));
    },
    countPublished: () => db.practice.count({ where: { status: 'published' } }),
    /** Every published practice, in batches (keyset by id, so rows written meanwhile are not skipped twice). */
    async *allPublished(batchSize = 500): AsyncGenerator<SearchDocument[]> {
      let after: string | undefined;
      for (;;) {
        const rows = await db.practice.findMany({
          where: { status: 'published', ...(after ? { id: { gt: after } } : {}) },
          include,
          orderBy: { id: 'asc' },
          take: batchSize,
        });
        if (rows.length === 0) return;
        yield rows.map(toSearchDocument);
        after = rows[rows.length - 1].id;
        if (rows.length < batchSize) return;
      }
    },
  };
}

export type SearchDocumentSource = ReturnType<typeof createSearchDocumentSource>;
