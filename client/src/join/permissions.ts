import type { Me } from '../../../server/contract/me.ts';

/** What the signed-in user may do with a city, from GET /api/me (the server decides again: this only picks what to show). */
export function cityAbilities(me: Me | null | undefined, city: { id: string; networks?: { id: string }[] }) {
  if (!me) return { member: false, manage: false, canAsk: false };
  const role = me.cities.find((c) => c.id === city.id)?.role;
  const managed = new Set(me.managedNetworks.map((n) => n.id));
  const manage = me.user.isPlatformAdmin || role === 'focal_point' || (city.networks ?? []).some((n) => managed.has(n.id));
  return { member: role !== undefined, manage, canAsk: role === undefined };
}

/** Who reviews join requests or creates cities at all: focal points, managers, admins. */
export const reviewsRequests = (me: Me | null | undefined) =>
  !!me && (me.user.isPlatformAdmin || me.managedNetworks.length > 0 || me.cities.some((c) => c.role === 'focal_point'));
export const createsCities = (me: Me | null | undefined) => !!me && (me.user.isPlatformAdmin || me.managedNetworks.length > 0);
