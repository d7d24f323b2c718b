import { http } from './http';
import type { User } from '../../../server/contract/auth.ts';
import type { CityDetail, CityMatch, CitySummary } from '../../../server/contract/cities.ts';
import type { RouteDetail, RouteSummary } from '../../../server/contract/migration-routes.ts';
import type { Paginated } from '../../../server/contract/pagination.ts';
import type { Practice } from '../../../server/contract/practices.ts';
import type { PracticeFacet, PracticeSearchResult } from '../../../server/contract/search.ts';
import type { SearchCitiesResult } from '../../../server/contract/search-all.ts';
import type { Taxonomy } from '../../../server/contract/taxonomy.ts';
import type { Notification, NotificationList, NotificationPreferences, NotificationPreferencesUpdate, UnsubscribeResult } from '../../../server/contract/notifications.ts';

import type { Message, MessageListResponse, Thread, ThreadListResponse } from '../../../server/contract/threads.ts';

const enc = encodeURIComponent;

/** Typed calls for the endpoints the client uses. All URLs are relative (same origin). */
export const api = {
  me: (signal?: AbortSignal) => http.get<{ user: User }>('/api/me', { signal }),
  /** 200 with `user: null` when anonymous: the start-up probe (no 401 in the console) */
  session: (signal?: AbortSignal) => http.get<{ user: User | null }>('/api/session', { signal }),
  login: (email: string, password: string) => http.post<{ token: string; user: User }>('/api/auth/login', { email, password }),
  register: (input: { email: string; password: string; name: string; locale?: string }) =>
    http.post<{ user: User }>('/api/auth/register', input),
  logout: () => http.post<void>('/api/auth/logout'),

  taxonomy: (lang: string, signal?: AbortSignal) => http.get<Taxonomy>('/api/taxonomy', { query: { lang }, signal }),
  routes: (lang: string, signal?: AbortSignal) => http.get<Paginated<RouteSummary>>('/api/routes', { query: { lang }, signal }),
  route: (slug: string, lang: string, signal?: AbortSignal) =>
    http.get<RouteDetail>(`/api/routes/${enc(slug)}`, { query: { lang }, signal }),
  cities: (params: { q?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    http.get<Paginated<CitySummary>>('/api/cities', {
      query: { q: params.q?.trim() || undefined, limit: params.limit ?? 20, cursor: params.cursor ?? undefined },
      signal,
    }),
  city: (id: string, lang: string, signal?: AbortSignal) => http.get<CityDetail>(`/api/cities/${enc(id)}`, { query: { lang }, signal }),
  /** Facet values of one facet are alternatives; the API takes them comma-separated. */
  searchPractices: (
    params: { q?: string; filters?: Partial<Record<PracticeFacet, string[]>>; page?: number; perPage?: number; network?: string },
    signal?: AbortSignal,
  ) =>
    http.get<PracticeSearchResult>('/api/search/practices', {
      query: {
        q: params.q?.trim() || undefined,
        network: params.network || undefined,
        ...Object.fromEntries(Object.entries(params.filters ?? {}).map(([f, v]) => [f, v?.length ? v.join(',') : undefined])),
        page: params.page ?? 1,
        perPage: params.perPage ?? 20,
      },
      signal,
    }),
  /** The cities of the header's search box for these words (the practices results page lists them too). */
  searchCities: (params: { q: string; lang: string; limit: number }, signal?: AbortSignal) =>
    http.get<SearchCitiesResult>('/api/search/cities', { query: params, signal }),
  practice: (id: string, signal?: AbortSignal) => http.get<Practice>(`/api/practices/${enc(id)}`, { signal }),
  cityMatches: (id: string, params: { lang: string; limit?: number; route?: string }, signal?: AbortSignal) =>
    http.get<{ items: CityMatch[] }>(`/api/cities/${enc(id)}/matches`, {
      query: { limit: params.limit ?? 10, lang: params.lang, route: params.route || undefined },
      signal,
    }),

  notifications: (params: { unread?: boolean; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    http.get<NotificationList>('/api/notifications', {
      query: { unread: params.unread ? 'true' : undefined, limit: params.limit ?? 20, cursor: params.cursor ?? undefined },
      signal,
    }),
  readNotification: (id: string) => http.post<{ notification: Notification; unreadCount: number }>(`/api/notifications/${enc(id)}/read`),
  readAllNotifications: () => http.post<{ updated: number; unreadCount: number }>('/api/notifications/read-all'),
  notificationPreferences: (signal?: AbortSignal) => http.get<NotificationPreferences>('/api/me/notification-preferences', { signal }),
  saveNotificationPreferences: (body: NotificationPreferencesUpdate) => http.put<NotificationPreferences>('/api/me/notification-preferences', body),
  describeUnsubscribe: (token: string, signal?: AbortSignal) => http.get<UnsubscribeResult>('/api/unsubscribe', { query: { token }, signal }),
  unsubscribe: (token: string) => http.post<UnsubscribeResult>('/api/unsubscribe', undefined, { query: { token } }),
  threads: (params: { withCity?: string; limit?: number; cursor?: string | null } = {}, signal?: AbortSignal) =>
    http.get<ThreadListResponse>('/api/threads', { query: { withCity: params.withCity, limit: params.limit ?? 50, cursor: params.cursor ?? undefined }, signal }),
  thread: (id: string, signal?: AbortSignal) => http.get<Thread>(`/api/threads/${enc(id)}`, { signal }),
  /** The plain thread between the user's city and `cityId` (existing or new). */
  directThread: (cityId: string, fromCityId?: string) => http.post<Thread>('/api/threads/direct', { cityId, ...(fromCityId ? { fromCityId } : {}) }),
  /** The cities the signed-in user belongs to. */
  myCities: (signal?: AbortSignal) => http.get<{ cities: { id: string; name: string }[] }>('/api/me', { signal }).then((r) => r.cities ?? []),
  messages: (id: string, params: { before?: number; after?: number; limit?: number }, signal?: AbortSignal) =>
    http.get<MessageListResponse>(`/api/threads/${enc(id)}/messages`, { query: { ...params, limit: params.limit ?? 50 }, signal }),
  postMessage: (id: string, body: string, mentions: string[]) => http.post<Message>(`/api/threads/${enc(id)}/messages`, { body, ...(mentions.length ? { mentions } : {}) }),
  editMessage: (id: string, messageId: string, body: string) => http.patch<Message>(`/api/threads/${enc(id)}/messages/${enc(messageId)}`, { body }),
  deleteMessage: (id: string, messageId: string) => http.delete<Message>(`/api/threads/${enc(id)}/messages/${enc(messageId)}`),
  readThread: (id: string, seq: number) => http.post<{ lastReadSeq: number; unreadCount: number }>(`/api/threads/${enc(id)}/read`, { seq }),
};
