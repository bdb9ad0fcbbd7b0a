import { describe, expect, it } from 'vitest';
import { FaultPlanError } from '#local/faults/errors';
import { formatFaultPlan, NO_FAULTS, parseFaultPlan } from '#local/faults/fault-plan';

describe('parseFaultPlan', () => {
  it('reads each named rate and leaves the faults it does not name at zero', () => {
    expect(parseFaultPlan('throttle=0.02, crash=0.01,5xx=0.005')).toEqual({
      ...NO_FAULTS,
      throttle: 0.02,
      crash: 0.01,
      serverError: 0.005,
    });
  });

  it('keeps the defaults it is given for the faults the text leaves out', () => {
    expect(parseFaultPlan('timeout=0.1', { ...NO_FAULTS, restart: 1 })).toEqual({
      ...NO_FAULTS,
      timeout: 0.1,
      restart: 1,
    });
  });

  it.each([
    [
      'throttel=0.02',
      'throttel=0.02',
      /unknown fault; expected one of throttle, 5xx, timeout, crash, restart/,
    ],
    ['crash=2', 'crash=2', /expected crash=<a rate from 0 to 1/],
    ['timeout=fast', 'timeout=fast', /expected timeout=<a rate from 0 to 1/],
    ['restart=1.5', 'restart=1.5', /expected restart=<a whole number of restarts/],
    ['throttle', 'throttle', /expected throttle=<a rate/],
    ['crash=0.1,crash=0.2', 'crash=0.2', /crash is given twice/],
  ])('refuses %s, naming the entry', (text, entry, message) => {
    let thrown: unknown;
    try {
      parseFaultPlan(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FaultPlanError);
    expect((thrown as FaultPlanError).fault).toBe(entry);
    expect((thrown as FaultPlanError).message).toMatch(message);
  });
});

describe('formatFaultPlan', () => {
  it('spells a plan the way --faults reads it, so a run can be repeated', () => {
    const plan = parseFaultPlan('throttle=0.02,crash=0.01,restart=1');
    expect(formatFaultPlan(plan)).toBe('throttle=0.02,crash=0.01,restart=1');
    expect(parseFaultPlan(formatFaultPlan(plan))).toEqual(plan);
    expect(formatFaultPlan(NO_FAULTS)).toBe('none');
  });
});
