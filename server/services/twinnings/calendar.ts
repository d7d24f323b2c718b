import ical from 'ical-generator';
import type { PlanContent } from './plan.ts';

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * The plan as iCalendar: one all-day VEVENT per visit and activity (DTEND exclusive, the day after the
 * last day). UIDs are stable per twinning and item, so a re-imported calendar updates its events.
 */
export function planCalendar(t: { id: string; title: string; url: string }, plan: PlanContent | null, cityName: (id: string) => string): string {
  const cal = ical({ name: `Twinning ${t.title}`, prodId: { company: 'charter-twinning', product: 'twinnings', language: 'EN' } });
  for (const v of plan?.visits ?? []) {
    cal.createEvent({
      id: `twinning-${t.id}-visit-${v.kind}@charter-twinning`,
      allDay: true, start: dayStart(v.startsOn), end: nextDay(v.endsOn),
      summary: `${v.kind === 'visit' ? 'Visit' : 'Return visit'}: ${cityName(v.hostCityId)} (${t.title})`,
      location: cityName(v.hostCityId),
      url: t.url,
    });
  }
  (plan?.activities ?? []).forEach((a, i) => {
    cal.createEvent({
      id: `twinning-${t.id}-activity-${i}@charter-twinning`,
      allDay: true, start: dayStart(a.startsOn), end: nextDay(a.endsOn),
      summary: `${a.title} (${t.title})`,
      description: `Lead city: ${cityName(a.cityId)}`,
      url: t.url,
    });
  });
  return cal.toString();
}
