import type { TWINNING_LIMITS } from '../../../server/contract/twinnings.ts';

/**
 * The contract's limits, copied because the client may import the contract for types only; the
 * annotation makes tsc fail the day the two differ (the values are literal types).
 */
export const LIMITS: typeof TWINNING_LIMITS = {
  themes: 10, message: 2_000, reason: 2_000, outcome: 10_000,
  objectives: 20, objective: 500, indicators: 20, indicator: 300, activities: 50, activityTitle: 200,
  returnVisitWarnMonths: 12,
};
