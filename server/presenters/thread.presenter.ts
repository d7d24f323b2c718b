import type { Message, ThreadSummary } from '../contract/threads.ts';

export const messageInclude = { author: { select: { id: true, name: true } } } as const;

type MessageRow = {
  id: string; threadId: string; seq: number; body: string; bodyHtml: string; mentions: string[];
  createdAt: Date; editedAt: Date | null; deletedAt: Date | null;
  author: { id: string; name: string };
};

export const presentMessage = (m: MessageRow): Message => ({
  id: m.id,
  threadId: m.threadId,
  seq: m.seq,
  author: { id: m.author.id, name: m.author.name },
  // a tombstone keeps its seq and author, never its words
  body: m.deletedAt ? '' : m.body,
  bodyHtml: m.deletedAt ? '' : m.bodyHtml,
  mentions: m.deletedAt ? [] : m.mentions,
  createdAt: m.createdAt.toISOString(),
  editedAt: m.editedAt?.toISOString() ?? null,
  deletedAt: m.deletedAt?.toISOString() ?? null,
});

export const threadInclude = {
  cities: { select: { city: { select: { id: true, name: true, countryCode: true, networks: { select: { networkId: true } } } } }, orderBy: { addedAt: 'asc' } },
  route: { select: { slug: true } },
} as const;

type ThreadRow = {
  id: string; title: string; practiceId: string | null; twinningId: string | null; lastSeq: number; createdAt: Date; isSample?: boolean;
  route: { slug: string } | null;
  cities: { city: { id: string; name: string; countryCode: string | null } }[];
};

export const presentThreadSummary = (t: ThreadRow, state: { lastMessage: MessageRow | null; lastReadSeq: number; unreadCount: number }): ThreadSummary => ({
  id: t.id,
  title: t.title,
  cities: t.cities.map(({ city }) => ({ id: city.id, name: city.name, country: city.countryCode })),
  practiceId: t.practiceId,
  twinningId: t.twinningId,
  route: t.route?.slug ?? null,
  lastMessage: state.lastMessage ? presentMessage(state.lastMessage) : null,
  lastSeq: t.lastSeq,
  lastReadSeq: state.lastReadSeq,
  unreadCount: state.unreadCount,
  createdAt: t.createdAt.toISOString(),
  ...(t.isSample ? { isSample: true } : {}),
});
