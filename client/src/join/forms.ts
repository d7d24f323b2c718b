import type { ApiError } from '../api/http';
import type { MemberRole, RouteRole, Stance } from '../../../server/contract/common.ts';

// the contract's enums, repeated (the client imports the contract for types only); the types keep them in step
export const STANCES: readonly Stance[] = ['offer', 'seek', 'both'];
export const ROUTE_ROLES: readonly RouteRole[] = ['origin', 'transit', 'destination'];
export const MEMBER_ROLES: readonly MemberRole[] = ['focal_point', 'practitioner'];

export type Edits = Record<string, unknown>;

/** A problem's field errors keyed by the top-level field ("priorities.3.code" → "priorities"), first message wins. */
export function errorsByField(err: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of err.errors ?? []) {
    const key = e.path.split('.')[0] || '';
    if (key && !(key in out)) out[key] = e.message;
  }
  return out;
}

/** Folded for comparing names typed by people ("Lampédusa " ~ "lampedusa"). */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
