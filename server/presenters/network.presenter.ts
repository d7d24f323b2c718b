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
