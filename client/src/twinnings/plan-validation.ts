import { LIMITS } from './limits';
import { PRIORITY_CODE } from './model';
import type { PlanInput } from './types';

/** Field errors keyed by the same dotted paths as the server's problem `errors` (e.g. `activities.0.endsOn`). */
export type PlanErrors = Record<string, string>;
export interface PlanWarning { path: string; key: string }

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A day that exists (2027-02-30 does not), as the contract's `day` checks it. */
const isDay = (s: string) => {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/** Months between two ISO days, as the server counts them for the 12-month return-visit rule. */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number);
  const [yb, mb, db] = b.split('-').map(Number);
  return (yb - ya) * 12 + (mb - ma) + (db - da) / 31;
}

/**
 * The plan's rules checked before sending (the server checks them again and is the authority):
 * required titles, known host/lead cities, ISO dates in order, at most one visit of each kind.
 * `t` maps a message key to a translated string.
 */
export function validatePlan(plan: PlanInput, cityIds: readonly string[], t: (key: string) => string): { errors: PlanErrors; warnings: PlanWarning[] } {
  const errors: PlanErrors = {};
  const warnings: PlanWarning[] = [];
  const dates = (prefix: string, startsOn: string, endsOn: string) => {
    if (!startsOn) errors[`${prefix}.startsOn`] = t('twinnings.plan.errors.required');
    else if (!isDay(startsOn)) errors[`${prefix}.startsOn`] = t('twinnings.plan.errors.date');
    if (!endsOn) errors[`${prefix}.endsOn`] = t('twinnings.plan.errors.required');
    else if (!isDay(endsOn)) errors[`${prefix}.endsOn`] = t('twinnings.plan.errors.date');
    if (isDay(startsOn) && isDay(endsOn) && endsOn < startsOn) errors[`${prefix}.endsOn`] = t('twinnings.plan.errors.order');
  };
  if (plan.objectives.length === 0) errors.objectives = t('twinnings.plan.errors.objectives');
  else if (plan.objectives.length > LIMITS.objectives) errors.objectives = t('twinnings.plan.errors.tooMany');
  else if (plan.objectives.some((o) => o.length > LIMITS.objective)) errors.objectives = t('twinnings.plan.errors.tooLong');
  if (plan.indicators.length > LIMITS.indicators) errors.indicators = t('twinnings.plan.errors.tooMany');
  else if (plan.indicators.some((o) => o.length > LIMITS.indicator)) errors.indicators = t('twinnings.plan.errors.tooLong');
  if (plan.themes.length === 0 || plan.themes.length > LIMITS.themes) errors.themes = t('twinnings.plan.errors.themes');
  plan.themes.forEach((code, i) => { if (!PRIORITY_CODE.test(code)) errors[`themes.${i}`] = t('twinnings.plan.errors.theme'); });
  plan.activities.forEach((a, i) => {
    if (!a.title.trim()) errors[`activities.${i}.title`] = t('twinnings.plan.errors.required');
    if (!cityIds.includes(a.cityId)) errors[`activities.${i}.cityId`] = t('twinnings.plan.errors.city');
    dates(`activities.${i}`, a.startsOn, a.endsOn);
  });
  const seen = new Set<string>();
  plan.visits.forEach((v, i) => {
    if (seen.has(v.kind)) errors[`visits.${i}.kind`] = t('twinnings.plan.errors.duplicateVisit');
    seen.add(v.kind);
    if (!cityIds.includes(v.hostCityId)) errors[`visits.${i}.hostCityId`] = t('twinnings.plan.errors.city');
    dates(`visits.${i}`, v.startsOn, v.endsOn);
  });
  const vi = plan.visits.findIndex((v) => v.kind === 'visit');
  const ri = plan.visits.findIndex((v) => v.kind === 'return_visit');
  if (vi >= 0 && ri >= 0) {
    const visit = plan.visits[vi];
    const back = plan.visits[ri];
    if (isDay(visit.startsOn) && isDay(back.startsOn)) {
      if (back.startsOn < visit.startsOn) errors[`visits.${ri}.startsOn`] = t('twinnings.plan.errors.returnBeforeVisit');
      if (visit.hostCityId && visit.hostCityId === back.hostCityId) warnings.push({ path: `visits.${ri}.hostCityId`, key: 'twinnings.plan.warnings.sameHost' });
      if (back.startsOn >= visit.startsOn && monthsBetween(visit.startsOn, back.startsOn) > LIMITS.returnVisitWarnMonths) warnings.push({ path: `visits.${ri}.startsOn`, key: 'twinnings.plan.warnings.return_visit_late' });
    }
  }
  return { errors, warnings };
}
