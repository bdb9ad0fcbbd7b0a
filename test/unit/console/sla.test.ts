import { describe, expect, it } from 'vitest';
import { formatRemaining, slaState, URGENT_MS } from '../../../console/src/sla.ts';

const dueAt = '2026-01-01T12:00:00.000Z';
const warningAt = '2026-01-01T11:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('slaState', () => {
  it('stays calm before the warning time', () => {
    expect(slaState({ dueAt, warningAt }, at('2026-01-01T10:00:00Z'))).toBe('ok');
  });

  it('warns once the warning time has passed', () => {
    expect(slaState({ dueAt, warningAt }, at('2026-01-01T11:30:00Z'))).toBe('warning');
  });

  it('turns urgent in the last minutes before the due time', () => {
    expect(slaState({ dueAt, warningAt }, at(dueAt) - URGENT_MS + 1_000)).toBe('urgent');
  });

  it('marks the case breached when the due time has passed or a breach was recorded', () => {
    expect(slaState({ dueAt, warningAt }, at(dueAt))).toBe('breached');
    expect(slaState({ dueAt, warningAt, breached: true }, at('2026-01-01T10:00:00Z'))).toBe('breached');
  });
});

describe('formatRemaining', () => {
  it('shows hours and minutes when more than an hour is left', () => {
    expect(formatRemaining((2 * 3_600 + 5 * 60 + 30) * 1_000)).toBe('2h 05m');
  });

  it('shows minutes and seconds in the last hour', () => {
    expect(formatRemaining((4 * 60 + 9) * 1_000)).toBe('4m 09s');
  });

  it('shows time past due with a minus sign when the case is overdue', () => {
    expect(formatRemaining(-90_000)).toBe('-1m 30s');
  });

  it('shows days when the due time is days away', () => {
    expect(formatRemaining((2 * 86_400 + 3 * 3_600) * 1_000)).toBe('2d 03h');
  });
});
