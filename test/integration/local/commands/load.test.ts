import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import { runPatrol } from '#test/helpers/run-patrol';

/** The last line of stdout, which `patrol load` promises is its report. */
function lastLine(stdout: string): string {
  return stdout.trimEnd().split('\n').at(-1) ?? '';
}

describe('patrol load', () => {
  it('prints its report as one JSON object on the last line and exits 0 when nothing was lost', async () => {
    const run = await runPatrol([
      'load',
      '--rate',
      '20',
      '--duration',
      '3',
      '--faults',
      'throttle=0.02',
      '--seed',
      '5',
      '--visibility-timeout',
      '5',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(lastLine(run.stdout));
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'sent',
        'valid',
        'verdicts',
        'dlq',
        'lost',
        'duplicates',
        'p50Ms',
        'p95Ms',
        'p99Ms',
      ]),
    );
    expect(report).toMatchObject({ sent: 60, lost: 0, duplicates: 0, seed: 5, injected: { restart: 1 } });
    expect(run.stderr).toMatch(/\[#+\] 60\/60 sent/);
  }, 120_000);

  it('refuses a fault it does not know, naming the entry', async () => {
    const run = await runPatrol([
      'load',
      '--rate',
      '1',
      '--duration',
      '1',
      '--faults',
      'throttle=0.1,flood=1',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--faults flood=1: unknown fault');
  });

  describe('against a running patrol dev whose worker always fails', () => {
    let runtime: DevRuntime;

    beforeAll(async () => {
      runtime = await startDevRuntime({
        port: 0,
        sqsPort: 0,
        visibilityTimeoutSeconds: 1,
        logLevel: 'SILENT',
        drainTimeoutMs: 0,
        workerFaults: {
          instrumentClient: () => {},
          wrapHandler: () => async () => {
            throw new Error('the worker is down');
          },
        },
      });
    });

    afterAll(async () => {
      await runtime?.stop();
    });

    it('reports every item as lost and exits 1', async () => {
      const run = await runPatrol([
        'load',
        '--rate',
        '10',
        '--duration',
        '1',
        '--endpoint',
        runtime.endpoints.sqs,
        '--api',
        runtime.endpoints.api,
        '--dynamodb',
        runtime.endpoints.dynamodb,
        '--wait',
        '20',
        '--seed',
        '1',
      ]);
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(lastLine(run.stdout));
      expect(report.verdicts).toBe(0);
      expect(report.lost).toBe(report.valid);
      expect(run.stderr).toMatch(/FAILED: \d+ lost/);
    }, 120_000);
  });
});
