/** A calendar date and a time of day as a wall clock in some time zone shows them. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall time an instant shows in a time zone, to the minute. */
export function wallTimeAt(instantMs: number, timeZone: string): WallTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(instantMs: number, timeZone: string): number {
  const wall = wallTimeAt(instantMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (instantMs - (((instantMs % 1_000) + 1_000) % 1_000));
}

/**
 * The instant a wall time names in a time zone. A time the clocks skip (spring forward) is read with
 * the offset before the change, so it lands just after the gap; a repeated time takes its first instant.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const firstGuess = asUtc - offsetAt(asUtc, timeZone);
  const offsetThere = offsetAt(firstGuess, timeZone);
  const secondGuess = asUtc - offsetThere;
  const candidates = [firstGuess, secondGuess].filter((candidate) =>
    showsWallTime(candidate, wall, timeZone),
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - Math.min(offsetAt(asUtc - 86_400_000, timeZone), offsetAt(asUtc + 86_400_000, timeZone));
}

function showsWallTime(instantMs: number, wall: WallTime, timeZone: string): boolean {
  const shown = wallTimeAt(instantMs, timeZone);
  return (
    shown.year === wall.year &&
    shown.month === wall.month &&
    shown.day === wall.day &&
    shown.hour === wall.hour &&
    shown.minute === wall.minute
  );
}

/** The calendar date `days` after a date (negative goes back), month and year lengths included. */
export function addDays(
  date: Pick<WallTime, 'year' | 'month' | 'day'>,
  days: number,
): Pick<WallTime, 'year' | 'month' | 'day'> {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The day of the week of a calendar date: 0 for Sunday to 6 for Saturday. */
export function weekdayOf(date: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
