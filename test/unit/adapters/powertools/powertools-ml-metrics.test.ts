import { afterEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsMlMetrics } from '#adapters/powertools/powertools-ml-metrics';

interface EmfRecord {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** The embedded-metric-format records written to stdout while `act` runs. */
function emfRecords(act: () => void): EmfRecord[] {
  const written: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(chunk.toString());
    return true;
  });
  try {
    act();
  } finally {
    write.mockRestore();
  }
  return written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfRecord);
}

const metrics = () => new PowertoolsMlMetrics({ namespace: 'PatrolTest', serviceName: 'patrol' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PowertoolsMlMetrics', () => {
  it('publishes requests, units and estimated cost by API and by tenant when a request succeeds', () => {
    const [record] = emfRecords(() =>
      metrics().recordRequest({
        api: 'DetectToxicContent',
        tenant: 'acme-market',
        units: 13,
        costUsd: 0.0013,
        succeeded: true,
      }),
    );

    expect(record).toMatchObject({
      Api: 'DetectToxicContent',
      Tenant: 'acme-market',
      MlRequests: 1,
      MlUnits: 13,
      MlEstimatedCostUsd: 0.0013,
    });
    const [definition] = record?._aws.CloudWatchMetrics ?? [];
    expect(definition?.Namespace).toBe('PatrolTest');
    expect(definition?.Dimensions).toEqual([
      ['service', 'Api'],
      ['service', 'Tenant'],
    ]);
  });

  it('counts a failure without units or cost when a request fails', () => {
    const [record] = emfRecords(() =>
      metrics().recordRequest({
        api: 'DetectPiiEntities',
        tenant: 'acme-market',
        units: 3,
        costUsd: 0,
        succeeded: false,
      }),
    );

    expect(record).toMatchObject({ MlRequestFailures: 1 });
    expect(record).not.toHaveProperty('MlUnits');
    expect(record).not.toHaveProperty('MlEstimatedCostUsd');
  });

  it('publishes MlBudgetExceeded overall and by tenant when a budget is exceeded, for an alarm', () => {
    const records = emfRecords(() => metrics().recordUnavailable('budget_exceeded', 'sakura-jobs'));

    const budget = records.find((record) => 'MlBudgetExceeded' in record);
    expect(budget).toMatchObject({ MlBudgetExceeded: 1, Tenant: 'sakura-jobs' });
    expect(budget?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service'], ['service', 'Tenant']]);
    expect(records.find((record) => 'MlUnavailable' in record)).toMatchObject({ Reason: 'budget_exceeded' });
  });

  it('publishes MlUnavailable by reason and no budget metric when Comprehend is down', () => {
    const records = emfRecords(() => metrics().recordUnavailable('circuit_open', 'acme-market'));

    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ MlUnavailable: 1, Reason: 'circuit_open' });
  });
});
