import type { Prisma } from '../generated/prisma/client.ts';
import { cityRefSelect, presentCityRef } from './city.presenter.ts';

/** What a practice is read with wherever it is presented. */
export const practiceInclude = {
  city: { select: { ...cityRefSelect, networks: { select: { networkId: true } } } },
  author: { select: { id: true, name: true } },
  priorities: { select: { priorityCode: true }, orderBy: { priorityCode: 'asc' } },
  routes: { select: { route: { select: { slug: true } } } },
} as const satisfies Prisma.PracticeInclude;

export type PracticeRow = Prisma.PracticeGetPayload<{ include: typeof practiceInclude }>;

export type HowTo = { process?: string; challenges?: string; successFactors?: string; transferability?: string };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export const presentPracticeSummary = (p: PracticeRow) => ({
  id: p.id,
  title: p.title,
  summary: p.summary,
  city: presentCityRef(p.city),
  language: p.language,
  status: p.status,
  author: { id: p.author.id, name: p.author.name },
  priorities: p.priorities.map((x) => x.priorityCode),
  routes: p.routes.map((r) => r.route.slug).sort(),
  targetGroups: p.targetGroups,
  startedOn: day(p.startedOn),
  endedOn: day(p.endedOn),
  twinningId: p.twinningId,
  version: p.version,
  publishedAt: p.publishedAt?.toISOString() ?? null,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  isSample: p.isSample,
});

export const presentPractice = (p: PracticeRow) => ({
  ...presentPracticeSummary(p),
  body: p.body,
  bodyHtml: p.bodyHtml,
  howTo: (p.howTo as HowTo | null) ?? null,
  budget: p.budget,
  outcomes: p.outcomes,
  contact: p.contact,
});

/** The content of one version, as kept in its revision (bodyHtml is derived, so not kept). */
export const practiceSnapshot = (p: PracticeRow) => {
  const { bodyHtml: _derived, ...rest } = presentPractice(p);
  return { ...rest, cityId: p.cityId };
};
