import type { DbOrTx } from '../../db/client.ts';
import type { Recipient } from '../../jobs/jobs.ts';

type Target = { recipients: Recipient[]; actorId: string | null };
type Row = { kind: 'city' | 'network' | 'city_network'; id: string; user_id: string; role: string | null };

/**
 * The users each notification goes to, as they are now, without the person who caused it; each with
 * the reason (the first recipient role that matched them), which e-mails state. One query for the whole
 * batch, whatever roles its events name (none when they only name users).
 */
export async function resolveRecipients(db: DbOrTx, targets: Target[]): Promise<Map<string, Recipient['kind']>[]> {
  const cities = new Set<string>();
  const networks = new Set<string>();
  const cityNetworks = new Set<string>();
  for (const t of targets) {
    for (const r of t.recipients) {
      if (r.kind === 'city_focal_points' || r.kind === 'city_members') cities.add(r.cityId);
      else if (r.kind === 'network_managers') networks.add(r.networkId);
      else if (r.kind === 'city_network_managers') cityNetworks.add(r.cityId);
    }
  }
  const rows = cities.size + networks.size + cityNetworks.size === 0 ? [] : await db.$queryRaw<Row[]>`
    SELECT 'city' AS kind, city_id AS id, user_id, role::text AS role FROM city_memberships WHERE city_id = ANY(${[...cities]}::text[])
    UNION ALL
    SELECT 'network', network_id, user_id, NULL FROM network_managers WHERE network_id = ANY(${[...networks]}::text[])
    UNION ALL
    SELECT 'city_network', nc.city_id, nm.user_id, NULL
    FROM network_cities nc JOIN network_managers nm ON nm.network_id = nc.network_id
    WHERE nc.city_id = ANY(${[...cityNetworks]}::text[])`;
  const members = new Map<string, { userId: string; focal: boolean }[]>();
  const managers = new Map<string, string[]>(); // network id → managers
  const cityManagers = new Map<string, string[]>(); // city id → managers of its networks
  for (const row of rows) {
    if (row.kind === 'city') push(members, row.id, { userId: row.user_id, focal: row.role === 'focal_point' });
    else push(row.kind === 'network' ? managers : cityManagers, row.id, row.user_id);
  }

  return targets.map(({ recipients, actorId }) => {
    const found = new Map<string, Recipient['kind']>();
    const add = (userId: string, kind: Recipient['kind']) => {
      if (!found.has(userId)) found.set(userId, kind);
    };
    for (const r of recipients) {
      if (r.kind === 'user') add(r.userId, r.kind);
      else if (r.kind === 'city_focal_points' || r.kind === 'city_members') {
        for (const m of members.get(r.cityId) ?? []) if (r.kind === 'city_members' || m.focal) add(m.userId, r.kind);
      } else if (r.kind === 'network_managers') (managers.get(r.networkId) ?? []).forEach((id) => add(id, r.kind));
      else (cityManagers.get(r.cityId) ?? []).forEach((id) => add(id, r.kind));
    }
    if (actorId) found.delete(actorId);
    return found;
  });
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
