type RouteRow = { id: string; slug: string; name: string; description: string | null; sourcedFrom: string | null; stageHints: unknown };

export const presentRoute = (r: RouteRow) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  sourcedFrom: r.sourcedFrom,
  stageHints: r.stageHints as Record<string, string[]>,
});
