type NetworkRow = { id: string; slug: string; name: string; description: string | null; kind: string; country: string | null; isFounding: boolean; createdAt: Date };

export const presentNetwork = (n: NetworkRow, counts?: { cities: number; managers: number }) => ({
  id: n.id,
  slug: n.slug,
  name: n.name,
  description: n.description,
  kind: n.kind,
  country: n.country,
  isFounding: n.isFounding,
  createdAt: n.createdAt.toISOString(),
  ...(counts ? { cityCount: counts.cities, managerCount: counts.managers } : {}),
});

type DetailRow = NetworkRow & {
  _count: { cities: number; managers: number };
  cities: { city: { id: string; name: string; countryCode: string | null; region: string | null; lat: number | null; lon: number | null } }[];
  managers: { user: { id: string; name: string; email: string } }[];
};

export const presentNetworkDetail = (n: DetailRow, rights: { canManage: boolean; canAppointManagers: boolean }) => ({
  network: presentNetwork(n, n._count),
  cities: n.cities
    .map(({ city: c }) => ({ id: c.id, name: c.name, country: c.countryCode, region: c.region, lat: c.lat, lon: c.lon }))
    .sort((a, b) => a.name.localeCompare(b.name)),
  ...(rights.canManage ? { managers: n.managers.map((m) => m.user) } : {}),
  canManage: rights.canManage,
  canAppointManagers: rights.canAppointManagers,
});
