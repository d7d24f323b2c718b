import { z } from 'zod';

/**
 * How peer matching weighs the signals (see docs/matching.md for why). Configuration, not code: the
 * defaults below can be overridden, in part, with the MATCHING_CONFIG environment variable (JSON),
 * e.g. MATCHING_CONFIG='{"weights":{"distance":0}}'. The score is the weighted mean of six signals,
 * each in 0..1, so it is in 0..1 whatever the weights.
 */
export const DEFAULT_MATCHING_CONFIG = {
  weights: {
    /** one city offers what the other seeks */
    complementary: 0.3,
    /** both work on a priority, neither offering what the other seeks there */
    shared: 0.15,
    /** same corridor, weighted by how the two roles relate (routePairs) */
    route: 0.25,
    /** at least one common working language */
    language: 0.12,
    /** comparable population */
    size: 0.08,
    /** closeness */
    distance: 0.1,
  },
  /** a signal reaches 1 at this many priorities (complementary ones counted per direction) */
  saturation: { complementary: 3, shared: 4 },
  /** value of a role pair on a common route; symmetric; the best pair over common routes counts */
  routePairs: {
    'origin-destination': 1,
    'transit-transit': 1,
    'origin-transit': 0.7,
    'transit-destination': 0.7,
    'origin-origin': 0.5,
    'destination-destination': 0.5,
  },
  /** size similarity falls linearly to 0 at this many powers of ten between populations */
  sizeSpanDecades: 1.5,
  /** closeness falls linearly to 0 at this great-circle distance */
  distanceMaxKm: 2500,
  /** the index is rebuilt from the database in the background when older than this (missed invalidations heal) */
  rebuildAfterMs: 15 * 60_000,
};

const unit = z.number().min(0).max(1);
export const matchingConfigSchema = z.strictObject({
  weights: z.strictObject({
    complementary: z.number().min(0), shared: z.number().min(0), route: z.number().min(0),
    language: z.number().min(0), size: z.number().min(0), distance: z.number().min(0),
  }).refine((w) => Object.values(w).some((v) => v > 0), 'At least one weight must be positive'),
  saturation: z.strictObject({ complementary: z.number().int().min(1), shared: z.number().int().min(1) }),
  routePairs: z.strictObject({
    'origin-destination': unit, 'transit-transit': unit, 'origin-transit': unit,
    'transit-destination': unit, 'origin-origin': unit, 'destination-destination': unit,
  }),
  sizeSpanDecades: z.number().positive(),
  distanceMaxKm: z.number().positive(),
  rebuildAfterMs: z.number().int().positive(),
});

export type MatchingConfig = z.infer<typeof matchingConfigSchema>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Deep merge that keeps unknown keys of `over`, so the strict schema can name them. */
const merge = (base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries([...new Set([...Object.keys(base), ...Object.keys(over)])].map((k) => [
    k,
    over[k] === undefined ? base[k] : isObject(base[k]) && isObject(over[k]) ? merge(base[k], over[k]) : over[k],
  ]));

/** Defaults overridden by a partial config (object or JSON text); throws naming any bad value. */
export function loadMatchingConfig(override?: string | DeepPartial<MatchingConfig>): MatchingConfig {
  let partial: unknown = override ?? {};
  if (typeof override === 'string') {
    try {
      partial = JSON.parse(override);
    } catch {
      throw new Error('MATCHING_CONFIG is not valid JSON');
    }
  }
  if (!isObject(partial)) throw new Error('MATCHING_CONFIG must be a JSON object');
  const parsed = matchingConfigSchema.safeParse(merge(DEFAULT_MATCHING_CONFIG, partial));
  if (!parsed.success) {
    throw new Error(`Invalid matching config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
