import { http } from '../api/http';
import type { CitySummary } from '../../../server/contract/cities.ts';
import type { Me } from '../../../server/contract/me.ts';
import type { RouteSummary } from '../../../server/contract/migration-routes.ts';
import type { Network, NetworkDetail } from '../../../server/contract/networks.ts';
import type { Paginated } from '../../../server/contract/pagination.ts';

const enc = encodeURIComponent;
type Texts = { fr?: string; es?: string };
export type RouteStagesInput = { origin: string[]; transit: string[]; destination: string[] };
export type RouteInput = { name: string; description?: string | null; names?: Texts; descriptions?: Texts; stages?: RouteStagesInput };

/** Calls of the network pages, the map and management (kept here so the shared api client stays small). */
export const networksApi = {
  list: (signal?: AbortSignal) => http.get<{ items: Network[] }>('/api/networks', { signal }),
  detail: (idOrSlug: string, signal?: AbortSignal) => http.get<NetworkDetail>(`/api/networks/${enc(idOrSlug)}`, { signal }),
  create: (body: { name: string; slug: string; description?: string; country?: string }) => http.post<Network>('/api/networks', body),
  addManager: (id: string, email: string) => http.post<{ networkId: string; userId: string }>(`/api/networks/${enc(id)}/managers`, { email }),
  removeManager: (id: string, userId: string) => http.delete<void>(`/api/networks/${enc(id)}/managers/${enc(userId)}`),
  addCity: (id: string, cityId: string) => http.post<{ networkId: string; cityId: string }>(`/api/networks/${enc(id)}/members`, { cityId }),
  removeCity: (id: string, cityId: string) => http.delete<void>(`/api/networks/${enc(id)}/members/${enc(cityId)}`),
  me: (signal?: AbortSignal) => http.get<Me>('/api/me', { signal }),
  findCities: (q: string, signal?: AbortSignal) => http.get<Paginated<CitySummary>>('/api/cities', { query: { q, limit: 10 }, signal }),
  routes: (lang: string, signal?: AbortSignal) => http.get<{ items: RouteSummary[] }>('/api/routes', { query: { lang }, signal }),
  createRoute: (body: RouteInput & { slug: string }, lang: string) => http.post<RouteSummary>('/api/routes', body, { query: { lang } }),
  updateRoute: (slug: string, body: Partial<RouteInput>, lang: string) => http.patch<RouteSummary>(`/api/routes/${enc(slug)}`, body, { query: { lang } }),
};
