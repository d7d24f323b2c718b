import { isFocalPoint, isMemberOf, isNetworkManager, managesAnyOf, type Principal } from './principal.ts';

/** Rules on cities. Each returns a boolean; `assert*` throw 403. */
export const cityPolicy = {
  canCreate: (p: Principal) => isNetworkManager(p),
  /** Edit profile, priorities and routes: the city's focal point or a manager of one of its networks. */
  canEdit: (p: Principal, cityId: string, networkIds: string[]) => isFocalPoint(p, cityId) || managesAnyOf(p, networkIds),
  /** Add members: managers of its networks, or the city's focal point. */
  canAddMember: (p: Principal, cityId: string, networkIds: string[]) => isFocalPoint(p, cityId) || managesAnyOf(p, networkIds),
  /** Act in the city's name (write practices, join its threads). */
  canActFor: (p: Principal, cityId: string) => isMemberOf(p, cityId),
};
