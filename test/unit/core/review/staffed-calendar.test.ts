import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addStaffedMinutes, isStaffed } from '#core/review/staffed-calendar';
import type { Calendar } from '#schemas/review-policy';

const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TOKYO_DAY: Calendar = {
  timeZone: 'Asia/Tokyo',
  windows: [{ days: [...EVERY_DAY], from: '10:00', to: '22:00' }],
};
const NEW_YORK_WEEKDAYS: Calendar = {
  timeZone: 'America/New_York',
  windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
};

function due(calendar: Calendar, start: string, minutes: number): string {
  return addStaffedMinutes(calendar, new Date(start), minutes).toISOString();
}

describe('addStaffedMinutes', () => {
  it('adds the SLA straight through nights and weekends when the calendar is 24/7', () => {
    expect(due('24/7', '2026-11-21T23:55:00.000Z', 15)).toBe('2026-11-22T00:10:00.000Z');
    expect(due('24/7', '2026-11-21T23:55:00.000Z', 24 * 60)).toBe('2026-11-22T23:55:00.000Z');
  });

  it('makes a P1 case created at 21:55 in Tokyo due at 10:10 the next day', () => {
    // 21:55 JST is 12:55 UTC; 10:10 JST the next day is 01:10 UTC.
    expect(due(TOKYO_DAY, '2026-11-20T12:55:00.000Z', 15)).toBe('2026-11-21T01:10:00.000Z');
  });

  it('starts the clock at opening time when a case arrives before the queue is staffed', () => {
    // 03:00 JST: nothing runs until 10:00 JST (01:00 UTC).
    expect(due(TOKYO_DAY, '2026-11-19T18:00:00.000Z', 60)).toBe('2026-11-20T02:00:00.000Z');
  });

  it('carries a long SLA over several staffed days', () => {
    // 24 staffed hours from 10:00 JST: 12 h today, 12 h tomorrow, due at 22:00 JST tomorrow.
    expect(due(TOKYO_DAY, '2026-11-20T01:00:00.000Z', 24 * 60)).toBe('2026-11-21T13:00:00.000Z');
  });

  it('skips the weekend and follows New York into daylight saving time', () => {
    // Friday 6 March 2026 17:00 EST; 4 staffed hours: 1 h on Friday, 3 h from Monday 9 March 09:00 EDT,
    // after the clocks went forward on Sunday 8 March: due 12:00 EDT, which is 16:00 UTC (not 17:00).
    expect(due(NEW_YORK_WEEKDAYS, '2026-03-06T22:00:00.000Z', 240)).toBe('2026-03-09T16:00:00.000Z');
  });

  it('follows New York back to standard time in November', () => {
    // Friday 30 October 2026 17:30 EDT; 2 staffed hours: 30 min on Friday, then Monday 2 November
    // 09:00 EST + 90 min after the clocks went back on 1 November: 10:30 EST, 15:30 UTC.
    expect(due(NEW_YORK_WEEKDAYS, '2026-10-30T21:30:00.000Z', 120)).toBe('2026-11-02T15:30:00.000Z');
  });

  it('counts a window that ends at midnight up to the end of the day', () => {
    const lateShift: Calendar = {
      timeZone: 'Asia/Tokyo',
      windows: [{ days: [...EVERY_DAY], from: '18:00', to: '24:00' }],
    };
    // 23:50 JST + 20 min: 10 min today, 10 min from 18:00 JST tomorrow (09:10 UTC).
    expect(due(lateShift, '2026-11-20T14:50:00.000Z', 20)).toBe('2026-11-21T09:10:00.000Z');
  });

  it('always lands in or at the end of staffed time, never earlier than the plain SLA', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2027-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 5 * 24 * 60 }),
        (start, minutes) => {
          const dueAt = addStaffedMinutes(NEW_YORK_WEEKDAYS, start, minutes);
          expect(dueAt.getTime()).toBeGreaterThanOrEqual(start.getTime() + minutes * 60_000);
          const inside =
            isStaffed(NEW_YORK_WEEKDAYS, dueAt) ||
            isStaffed(NEW_YORK_WEEKDAYS, new Date(dueAt.getTime() - 1));
          expect(inside).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
