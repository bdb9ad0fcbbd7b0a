import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MlMetrics, MlRequestUsage, MlUnavailableReason } from '#ports/ml-metrics';

export interface PowertoolsMlMetricsOptions {
  namespace: string;
  serviceName: string;
}

/**
 * ML metrics as CloudWatch embedded metric format, one record per event: requests, failures, units and
 * estimated cost by `Api` and by `Tenant`; `MlUnavailable` by `Reason`; `MlBudgetExceeded` overall and by
 * `Tenant`, for an alarm. Tenants are few (platforms, not users), so a tenant dimension stays cheap.
 */
export class PowertoolsMlMetrics implements MlMetrics {
  readonly #options: PowertoolsMlMetricsOptions;

  constructor(options: PowertoolsMlMetricsOptions) {
    this.#options = options;
  }

  recordRequest(usage: MlRequestUsage): void {
    const record = this.#record([{ Api: usage.api }, { Tenant: usage.tenant }]);
    if (usage.succeeded) {
      record.addMetric('MlRequests', MetricUnit.Count, 1);
      record.addMetric('MlUnits', MetricUnit.Count, usage.units);
      record.addMetric('MlEstimatedCostUsd', MetricUnit.NoUnit, usage.costUsd);
    } else {
      record.addMetric('MlRequestFailures', MetricUnit.Count, 1);
    }
    record.publishStoredMetrics();
  }

  recordUnavailable(reason: MlUnavailableReason, tenant: string): void {
    const byReason = this.#record([{ Reason: reason }]);
    byReason.addMetric('MlUnavailable', MetricUnit.Count, 1);
    byReason.publishStoredMetrics();
    if (reason !== 'budget_exceeded') return;
    // The service-only dimension set gives one series to alarm on, whatever the tenant.
    const budget = this.#record([{}, { Tenant: tenant }]);
    budget.addMetric('MlBudgetExceeded', MetricUnit.Count, 1);
    budget.publishStoredMetrics();
  }

  /** A fresh record so its dimensions never leak into the handler's own metrics. */
  #record(dimensionSets: Record<string, string>[]): Metrics {
    const record = new Metrics(this.#options);
    for (const dimensions of dimensionSets) record.addDimensions(dimensions);
    return record;
  }
}
