import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricResolution, MetricUnit } from '@aws-lambda-powertools/metrics/types';

/**
 * The handlers' metrics as running totals in memory: the local runtime prints them as progress
 * instead of writing CloudWatch's embedded metric format to the terminal.
 */
export class CountingMetrics extends Metrics {
  readonly #totals = new Map<string, number>();

  constructor() {
    super({ namespace: 'Patrol', serviceName: 'patrol-dev' });
  }

  override addMetric(name: string, _unit: MetricUnit, value: number, _resolution?: MetricResolution): this {
    this.#totals.set(name, (this.#totals.get(name) ?? 0) + value);
    return this;
  }

  /** The total of a metric so far; 0 when it was never added. */
  total(name: string): number {
    return this.#totals.get(name) ?? 0;
  }
}
