/** How close a case is to its due time: calm, past its warning, in its last minutes, or breached. */
export type SlaState = 'ok' | 'warning' | 'urgent' | 'breached';

/** The last stretch before the due time shown as urgent. */
export const URGENT_MS = 5 * 60_000;

/** The SLA state of a case at `now`, from its due and warning times and whether a breach was recorded. */
export function slaState(
  timing: { dueAt: string; warningAt: string; breached?: boolean },
  now: number,
): SlaState {
  const dueAt = Date.parse(timing.dueAt);
  if (timing.breached === true || now >= dueAt) return 'breached';
  if (dueAt - now <= URGENT_MS) return 'urgent';
  if (now >= Date.parse(timing.warningAt)) return 'warning';
  return 'ok';
}

/** Time left as `2h 05m`, `4m 09s` or `-1m 30s` once past, at the precision a countdown needs. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const pad = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${sign}${days}d ${pad(hours)}h`;
  if (hours > 0) return `${sign}${hours}h ${pad(minutes)}m`;
  return `${sign}${minutes}m ${pad(seconds % 60)}s`;
}
