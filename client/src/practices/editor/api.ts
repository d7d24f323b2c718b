import { http } from '../../api/http';
import type { Me } from '../../../../server/contract/me.ts';
import type { Practice, PracticeSummary } from '../../../../server/contract/practices.ts';
import type { Paginated } from '../../../../server/contract/pagination.ts';

const enc = encodeURIComponent;

export type PracticeDraft = {
  title: string; summary: string; body: string; cityId: string; language: string; priorities: string[]; routes: string[];
  targetGroups: string[]; howTo: { process?: string; challenges?: string; successFactors?: string; transferability?: string };
  budget?: string; startedOn?: string; endedOn?: string; outcomes?: string; contact?: string;
};
export type Revision = { id: string; version: number; action: string; note: string | null; editor: { id: string; name: string }; createdAt: string };

/** The calls of the practice editor, "my practices" and the review queue. */
export const practicesApi = {
  me: (signal?: AbortSignal) => http.get<Me>('/api/me', { signal }),
  preview: (body: string, signal?: AbortSignal) => http.post<{ bodyHtml: string }>('/api/practices/preview', { body }, { signal }),
  get: (id: string, signal?: AbortSignal) => http.get<Practice>(`/api/practices/${enc(id)}`, { signal }),
  create: (input: PracticeDraft) => http.post<Practice>('/api/practices', input),
  update: (id: string, input: Record<string, unknown>) => http.patch<Practice>(`/api/practices/${enc(id)}`, input),
  transition: (id: string, transition: 'submit' | 'publish' | 'return' | 'archive', body: { version?: number; comment?: string } = {}) =>
    http.post<Practice>(`/api/practices/${enc(id)}/${transition}`, body),
  revisions: (id: string, signal?: AbortSignal) => http.get<{ items: Revision[] }>(`/api/practices/${enc(id)}/revisions`, { signal }),
  list: (query: { mine?: boolean; review?: boolean; cityId?: string; status?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    http.get<Paginated<PracticeSummary>>('/api/practices', {
      query: {
        mine: query.mine ? 'true' : undefined, review: query.review ? 'true' : undefined, cityId: query.cityId,
        status: query.status, limit: query.limit ?? 50, cursor: query.cursor ?? undefined,
      },
      signal,
    }),
};
