import { http } from '../api/http';
import type { Me } from '../../../server/contract/me.ts';
import type { BrokeringResponse, CreateTwinningInput, Plan, PlanInput, TwinningDetail, TwinningListResponse } from './types';

const enc = encodeURIComponent;
const path = (id: string, rest = '') => `/api/twinnings/${enc(id)}${rest}`;

/** Twinning endpoints (kept out of api/client.ts so the feature stays in its folder). Moves send the `version` seen. */
export const twinningsApi = {
  me: (signal?: AbortSignal) => http.get<Me>('/api/me', { signal }),
  list: (params: { cityId?: string; awaitingMe?: boolean; limit?: number } = {}, signal?: AbortSignal) =>
    http.get<TwinningListResponse>('/api/twinnings', {
      query: { cityId: params.cityId, awaitingMe: params.awaitingMe ? 'true' : undefined, limit: params.limit ?? 100 },
      signal,
    }),
  get: (id: string, signal?: AbortSignal) => http.get<TwinningDetail>(path(id), { signal }),
  create: (body: CreateTwinningInput) => http.post<TwinningDetail>('/api/twinnings', body),
  accept: (id: string, version: number) => http.post<TwinningDetail>(path(id, '/accept'), { version }),
  decline: (id: string, reason: string, version: number) => http.post<TwinningDetail>(path(id, '/decline'), { reason, version }),
  withdraw: (id: string, reason: string, version: number) =>
    http.post<TwinningDetail>(path(id, '/withdraw'), { ...(reason ? { reason } : {}), version }),
  end: (id: string, reason: string, outcome: string, version: number) =>
    http.post<TwinningDetail>(path(id, '/end'), { reason, outcome, version }),
  /** The saved plan (a new revision), with its warnings. */
  savePlan: (id: string, plan: PlanInput) => http.put<Plan>(path(id, '/plan'), plan),
  calendarUrl: (id: string) => path(id, '/calendar.ics'),
  brokering: (networkId: string, lang: string, signal?: AbortSignal) =>
    http.get<BrokeringResponse>(`/api/networks/${enc(networkId)}/brokering`, { query: { lang }, signal }),
};
