import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitBreakerSettings } from '#core/ml/circuit-breaker';
import { FakeTime } from '#test/helpers/fake-time';

const SETTINGS: CircuitBreakerSettings = { failureThreshold: 3, failureWindowMs: 10_000, coolDownMs: 30_000 };

function breakerAt(start = '2026-11-20T09:00:00.000Z') {
  const time = new FakeTime(start);
  return { time, breaker: new CircuitBreaker(SETTINGS, time) };
}

function fail(breaker: CircuitBreaker, times: number): void {
  for (let count = 0; count < times; count += 1) {
    breaker.tryAcquire();
    breaker.recordFailure();
  }
}

describe('CircuitBreaker', () => {
  it('lets calls through while failures stay below the threshold', () => {
    const { breaker } = breakerAt();

    fail(breaker, SETTINGS.failureThreshold - 1);

    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens and refuses calls when the threshold of failures falls within the window', () => {
    const { breaker } = breakerAt();

    fail(breaker, SETTINGS.failureThreshold);

    expect(breaker.state()).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('stays closed when the failures are spread wider than the window', () => {
    const { time, breaker } = breakerAt();

    for (let count = 0; count < SETTINGS.failureThreshold * 2; count += 1) {
      fail(breaker, 1);
      time.advance(SETTINGS.failureWindowMs / (SETTINGS.failureThreshold - 1));
    }

    expect(breaker.state()).toBe('closed');
  });

  it('lets one trial call through once the cool-down has passed', () => {
    const { time, breaker } = breakerAt();
    fail(breaker, SETTINGS.failureThreshold);

    time.advance(SETTINGS.coolDownMs - 1);
    expect(breaker.tryAcquire()).toBe(false);
    time.advance(1);

    expect(breaker.state()).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('closes when the trial call succeeds', () => {
    const { time, breaker } = breakerAt();
    fail(breaker, SETTINGS.failureThreshold);
    time.advance(SETTINGS.coolDownMs);

    breaker.tryAcquire();
    breaker.recordSuccess();

    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens again for a full cool-down when the trial call fails', () => {
    const { time, breaker } = breakerAt();
    fail(breaker, SETTINGS.failureThreshold);
    time.advance(SETTINGS.coolDownMs);

    breaker.tryAcquire();
    breaker.recordFailure();

    expect(breaker.state()).toBe('open');
    time.advance(SETTINGS.coolDownMs - 1);
    expect(breaker.tryAcquire()).toBe(false);
    time.advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('frees the trial place after a cool-down when the trial never reports back', () => {
    const { time, breaker } = breakerAt();
    fail(breaker, SETTINGS.failureThreshold);
    time.advance(SETTINGS.coolDownMs);
    breaker.tryAcquire();

    time.advance(SETTINGS.coolDownMs);

    expect(breaker.tryAcquire()).toBe(true);
  });

  it('needs the full threshold again after closing when earlier failures came before it opened', () => {
    const { time, breaker } = breakerAt();
    fail(breaker, SETTINGS.failureThreshold);
    time.advance(SETTINGS.coolDownMs);
    breaker.tryAcquire();
    breaker.recordSuccess();

    fail(breaker, SETTINGS.failureThreshold - 1);

    expect(breaker.state()).toBe('closed');
  });
});
