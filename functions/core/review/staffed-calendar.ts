import type { Calendar, StaffedWindow, Weekday } from '#schemas/review-policy';
import { addDays, instantOf, type WallTime, wallTimeAt, weekdayOf } from './zoned-time.ts';

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE_MS = 60_000;
/** A calendar with any staffed window has one within a week; two weeks leaves room for DST edges. */
const SEARCH_DAYS = 14;

/**
 * The instant `minutes` of staffed time after `start`: on a 24/7 calendar plain addition; otherwise the
 * clock runs only inside the windows, read on the zone's wall clock (so DST moves them with local time).
 */
export function addStaffedMinutes(calendar: Calendar, start: Date, minutes: number): Date {
  if (calendar === '24/7') return new Date(start.getTime() + minutes * MINUTE_MS);
  let remainingMs = minutes * MINUTE_MS;
  let cursor = start.getTime();
  let date = wallTimeAt(cursor, calendar.timeZone) as Pick<WallTime, 'year' | 'month' | 'day'>;
  let daysWithoutStaff = 0;
  for (;;) {
    const intervals = staffedIntervals(calendar.windows, calendar.timeZone, date);
    daysWithoutStaff = intervals.length === 0 ? daysWithoutStaff + 1 : 0;
    if (daysWithoutStaff > SEARCH_DAYS) throw new RangeError('the calendar has no staffed time');
    for (const [from, to] of intervals) {
      const begin = Math.max(from, cursor);
      if (begin >= to) continue;
      if (to - begin >= remainingMs) return new Date(begin + remainingMs);
      remainingMs -= to - begin;
      cursor = to;
    }
    date = addDays(date, 1);
  }
}

/** Whether an instant falls in staffed time. */
export function isStaffed(calendar: Calendar, at: Date): boolean {
  if (calendar === '24/7') return true;
  const date = wallTimeAt(at.getTime(), calendar.timeZone);
  return staffedIntervals(calendar.windows, calendar.timeZone, date).some(
    ([from, to]) => from <= at.getTime() && at.getTime() < to,
  );
}

/** The staffed intervals of one local date as [from, to) instants, in order. */
function staffedIntervals(
  windows: readonly StaffedWindow[],
  timeZone: string,
  date: Pick<WallTime, 'year' | 'month' | 'day'>,
): [number, number][] {
  const weekday = WEEKDAYS[weekdayOf(date)] as Weekday;
  return windows
    .filter((window) => window.days.includes(weekday))
    .map((window): [number, number] => [
      instantAt(date, window.from, timeZone),
      instantAt(date, window.to, timeZone),
    ])
    .sort((a, b) => a[0] - b[0]);
}

function instantAt(date: Pick<WallTime, 'year' | 'month' | 'day'>, clock: string, timeZone: string): number {
  if (clock === '24:00') return instantOf({ ...addDays(date, 1), hour: 0, minute: 0 }, timeZone);
  const [hour, minute] = clock.split(':').map(Number) as [number, number];
  return instantOf({ ...date, hour, minute }, timeZone);
}
