import { isFocalPoint, isMemberOf, managesAnyOf, type Principal } from './principal.ts';

/** Rules on join requests (a user asking to become a member of a city). */
export const joinRequestPolicy = {
  /** Any signed-in user who is not yet a member may ask (a member asking again is a conflict, not a 403). */
  canRequest: (p: Principal, cityId: string) => !isMemberOf(p, cityId),
  /** See and decide a city's requests: its focal points and the managers of its networks (and admins). */
  canReview: (p: Principal, cityId: string, networkIds: string[]) => isFocalPoint(p, cityId) || managesAnyOf(p, networkIds),
  /** Nobody decides their own request, whatever else they manage. */
  canDecide: (p: Principal, request: { userId: string; cityId: string }, networkIds: string[]) =>
    p.userId !== request.userId && (isFocalPoint(p, request.cityId) || managesAnyOf(p, networkIds)),
};
