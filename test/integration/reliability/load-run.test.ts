import { describe, expect, it } from 'vitest';
import { runLoad } from '#local/load/load-run';

describe('runLoad', () => {
  it('loses nothing and decides nothing twice when throttles, 5xx answers, timeouts, crashes and a worker restart are injected', async () => {
    const result = await runLoad({
      ratePerSecond: 25,
      durationSeconds: 4,
      faults: { throttle: 0.02, serverError: 0.01, timeout: 0.01, crash: 0.25, restart: 1 },
      seed: 42,
      // Short, so crashed batches and malformed messages come round in seconds, yet longer than a
      // batch that meets throttles takes on a busy machine.
      visibilityTimeoutSeconds: 5,
    });

    expect(result.injected).toMatchObject({ restart: 1 });
    for (const fault of ['throttle', 'serverError', 'timeout', 'crash'] as const) {
      expect(result.injected[fault], fault).toBeGreaterThan(0);
    }
    expect(result.malformed).toBeGreaterThan(0);
    expect(result.repeats).toBeGreaterThan(0);
    expect(result).toMatchObject({ sent: 100, lost: 0, duplicates: 0, deadLetteredValid: 0 });
    expect(result.verdicts).toBe(result.valid);
    expect(result.dlq).toBe(result.malformed);
    expect(result.p50Ms).not.toBeNull();
  }, 120_000);
});
