import { http } from '../api/http';
import type { CityDetail, CityMember, CitySummary } from '../../../server/contract/cities.ts';
import type { MemberRole, RouteRole, Stance } from '../../../server/contract/common.ts';
import type { JoinRequest } from '../../../server/contract/join-requests.ts';
import type { Me, UpdateMe } from '../../../server/contract/me.ts';
import type { Paginated } from '../../../server/contract/pagination.ts';
import type { Place } from '../../../server/contract/places.ts';

const enc = encodeURIComponent;

/** The calls of joining, city profiles and creating cities (kept apart from api/client.ts: fewer merge conflicts). */
export const joinApi = {
  me: (signal?: AbortSignal) => http.get<Me>('/api/me', { signal }),
  updateMe: (body: UpdateMe) => http.patch<Me>('/api/me', body),
  changePassword: (currentPassword: string, newPassword: string) => http.post<void>('/api/me/password', { currentPassword, newPassword }),

  city: (id: string, lang: string, signal?: AbortSignal) => http.get<CityDetail>(`/api/cities/${enc(id)}`, { query: { lang }, signal }),
  searchCities: (q: string, signal?: AbortSignal) => http.get<Paginated<CitySummary>>('/api/cities', { query: { q: q.trim() || undefined, limit: 10 }, signal }),
  askToJoin: (cityId: string, role: MemberRole, message?: string) =>
    http.post<JoinRequest>(`/api/cities/${enc(cityId)}/join-requests`, { role, ...(message?.trim() ? { message: message.trim() } : {}) }),
  myRequests: (signal?: AbortSignal) => http.get<Paginated<JoinRequest>>('/api/me/join-requests', { query: { status: 'all', limit: 50 }, signal }),
  reviewable: (signal?: AbortSignal) => http.get<Paginated<JoinRequest>>('/api/join-requests', { query: { limit: 100 }, signal }),
  cityRequests: (cityId: string, signal?: AbortSignal) => http.get<Paginated<JoinRequest>>(`/api/cities/${enc(cityId)}/join-requests`, { query: { limit: 100 }, signal }),
  approve: (id: string) => http.post<JoinRequest>(`/api/join-requests/${enc(id)}/approve`),
  decline: (id: string, reason?: string) => http.post<JoinRequest>(`/api/join-requests/${enc(id)}/decline`, reason?.trim() ? { reason: reason.trim() } : {}),

  updateCity: (id: string, body: Record<string, unknown>, lang: string) => http.patch<CityDetail>(`/api/cities/${enc(id)}`, body, { query: { lang } }),
  setPriorities: (id: string, priorities: { code: string; stance: Stance }[], lang: string) =>
    http.put<CityDetail>(`/api/cities/${enc(id)}/priorities`, { priorities }, { query: { lang } }),
  setRoutes: (id: string, routes: { route: string; role: RouteRole }[], lang: string) =>
    http.put<CityDetail>(`/api/cities/${enc(id)}/routes`, { routes }, { query: { lang } }),
  members: (id: string, signal?: AbortSignal) => http.get<{ items: CityMember[] }>(`/api/cities/${enc(id)}/members`, { signal }),
  addMember: (id: string, email: string, role: MemberRole) => http.post<CityMember>(`/api/cities/${enc(id)}/members`, { email: email.trim(), role }),
  setMemberRole: (id: string, userId: string, role: MemberRole) => http.post<CityMember>(`/api/cities/${enc(id)}/members`, { userId, role }),
  removeMember: (id: string, userId: string) => http.delete<void>(`/api/cities/${enc(id)}/members/${enc(userId)}`),

  places: (q: string, country: string | undefined, signal?: AbortSignal) =>
    http.get<{ items: Place[] }>('/api/places', { query: { q: q.trim(), country: country || undefined, limit: 10 }, signal }),
  createCity: (body: Record<string, unknown>, lang: string) => http.post<CityDetail>('/api/cities', body, { query: { lang } }),
};
