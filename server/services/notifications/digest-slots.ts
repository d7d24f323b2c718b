/** Digest hour in the user's own time zone. */
export const DIGEST_HOUR = 8;

/** The wall-clock date and time `at` shows in `tz`. */
function wallClock(at: Date, tz: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at).map((p) => [p.type, p.value]),
  );
  return { y: +parts.year, m: +parts.month, d: +parts.day, h: +parts.hour, min: +parts.minute, s: +parts.second };
}

/** The instant at which `tz` shows y-m-d hh:00 (two corrections cover DST changes). */
function instantOf(y: number, m: number, d: number, hour: number, tz: string): Date {
  const target = Date.UTC(y, m - 1, d, hour);
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), tz);
    guess += target - Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  }
  return new Date(guess);
}

/**
 * The latest 08:00 in `tz` at or before `now` (weekly: the latest Monday 08:00). A digest slot is named
 * by this instant, so every run within a period agrees on it, and a missed run is caught up by the next.
 */
export function latestSlot(now: Date, tz: string, cadence: 'daily' | 'weekly'): Date {
  const w = wallClock(now, tz);
  // walk back day by day from today (local) to the first eligible 08:00 that is not in the future
  for (let back = 0; back < 8; back++) {
    const day = new Date(Date.UTC(w.y, w.m - 1, w.d - back));
    if (cadence === 'weekly' && day.getUTCDay() !== 1) continue;
    const slot = instantOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), DIGEST_HOUR, tz);
    if (slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error('unreachable: a slot exists within 8 days');
}
