/** What an actor may act as (loaded by services/auth/principal.ts): the input of every policy. */
export type Principal = {
  userId: string;
  isAdmin: boolean;
  managedNetworkIds: Set<string>;
  cityRoles: Map<string, 'focal_point' | 'practitioner'>;
};

export const isNetworkManager = (p: Principal) => p.isAdmin || p.managedNetworkIds.size > 0;
export const managesNetwork = (p: Principal, networkId: string) => p.isAdmin || p.managedNetworkIds.has(networkId);
/** A manager of any network the city belongs to manages the city. */
export const managesAnyOf = (p: Principal, cityNetworkIds: string[]) =>
  p.isAdmin || cityNetworkIds.some((id) => p.managedNetworkIds.has(id));
export const isFocalPoint = (p: Principal, cityId: string) => p.cityRoles.get(cityId) === 'focal_point';
export const isMemberOf = (p: Principal, cityId: string) => p.cityRoles.has(cityId);
