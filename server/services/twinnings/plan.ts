import type { VisitKind } from '../../contract/common.ts';
import { TWINNING_LIMITS } from '../../contract/twinnings.ts';
import type { FieldError } from '../../lib/errors.ts';

/** A plan revision's stored content (twinning_plan_revisions.content). */
export type PlanContent = {
  objectives: string[];
  themes: string[];
  activities: { title: string; cityId: string; startsOn: string; endsOn: string }[];
  visits: { kind: VisitKind; hostCityId: string; startsOn: string; endsOn: string }[];
  indicators: string[];
};

export type PlanWarning = { code: string; path: string; message: string };

const DAY_MS = 86_400_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addMonths = (day: string, months: number) => {
  const d = new Date(utc(day));
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

/**
 * What is wrong with a plan for a twinning of `pair` (400: every field named) and what is only worth a
 * look (warnings, returned with the saved plan). Priority codes are checked by the service.
 */
export function checkPlan(plan: PlanContent, pair: readonly [string, string]): { errors: FieldError[]; warnings: PlanWarning[] } {
  const errors: FieldError[] = [];
  const warnings: PlanWarning[] = [];
  const inPair = (id: string) => pair.includes(id);
  plan.activities.forEach((a, i) => {
    if (!inPair(a.cityId)) errors.push({ path: `activities.${i}.cityId`, message: 'The lead city must be one of the two twinned cities' });
    if (a.endsOn < a.startsOn) errors.push({ path: `activities.${i}.endsOn`, message: 'Ends before it starts' });
  });
  plan.visits.forEach((v, i) => {
    if (!inPair(v.hostCityId)) errors.push({ path: `visits.${i}.hostCityId`, message: 'The host must be one of the two twinned cities' });
    if (v.endsOn < v.startsOn) errors.push({ path: `visits.${i}.endsOn`, message: 'Ends before it starts' });
  });
  const vi = plan.visits.findIndex((v) => v.kind === 'visit');
  const ri = plan.visits.findIndex((v) => v.kind === 'return_visit');
  if (vi >= 0 && ri >= 0) {
    const visit = plan.visits[vi], back = plan.visits[ri];
    if (back.startsOn < visit.endsOn) {
      errors.push({ path: `visits.${ri}.startsOn`, message: 'The return visit starts before the visit ends' });
    } else if (utc(back.startsOn) > addMonths(visit.startsOn, TWINNING_LIMITS.returnVisitWarnMonths)) {
      warnings.push({ code: 'return_visit_late', path: `visits.${ri}.startsOn`, message: `The return visit is more than ${TWINNING_LIMITS.returnVisitWarnMonths} months after the visit` });
    }
    if (back.hostCityId === visit.hostCityId && inPair(back.hostCityId)) {
      warnings.push({ code: 'return_visit_same_host', path: `visits.${ri}.hostCityId`, message: 'The return visit is hosted by the same city as the visit' });
    }
  }
  if (ri >= 0 && vi < 0) warnings.push({ code: 'return_visit_without_visit', path: `visits.${ri}.kind`, message: 'A return visit without a visit' });
  return { errors, warnings };
}

/** Days before an item starts when its focal points are reminded. */
export const REMINDER_DAYS = [14, 2] as const;
/** Reminders go out at this hour (UTC) of their day. */
export const REMINDER_HOUR_UTC = 8;

export type ReminderItem = { itemKey: string; title: string; startsOn: string };
export type ScheduledReminder = ReminderItem & { daysBefore: number; at: Date };

/** Every visit and activity of a plan, keyed as the reminder jobs name them. */
export function planItems(plan: PlanContent, cityName: (id: string) => string): ReminderItem[] {
  return [
    ...plan.visits.map((v) => ({ itemKey: `visit:${v.kind}`, title: `${v.kind === 'visit' ? 'Visit' : 'Return visit'} to ${cityName(v.hostCityId)}`, startsOn: v.startsOn })),
    ...plan.activities.map((a, i) => ({ itemKey: `activity:${i}`, title: a.title, startsOn: a.startsOn })),
  ];
}

/** The reminders still to come after `now`: 14 and 2 days before each item, at 08:00 UTC. */
export function reminderSchedule(items: ReminderItem[], now: Date): ScheduledReminder[] {
  return items.flatMap((item) => REMINDER_DAYS.map((daysBefore) => ({
    ...item, daysBefore, at: new Date(utc(item.startsOn) - daysBefore * DAY_MS + REMINDER_HOUR_UTC * 3_600_000),
  }))).filter((r) => r.at.getTime() > now.getTime());
}
