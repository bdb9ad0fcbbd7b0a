import type { MlMetrics, MlRequestUsage, MlUnavailableReason } from '#ports/ml-metrics';

/** An ML outage as recorded. */
export interface RecordedUnavailability {
  reason: MlUnavailableReason;
  tenant: string;
}

/** ML metrics kept in memory, so tests and the local runtime can read what was counted. */
export class MemoryMlMetrics implements MlMetrics {
  readonly requests: MlRequestUsage[] = [];
  readonly unavailable: RecordedUnavailability[] = [];

  recordRequest(usage: MlRequestUsage): void {
    this.requests.push({ ...usage });
  }

  recordUnavailable(reason: MlUnavailableReason, tenant: string): void {
    this.unavailable.push({ reason, tenant });
  }

  /** Units of the requests that succeeded, optionally for one API or tenant. */
  units(filter: { api?: string; tenant?: string } = {}): number {
    return this.#matching(filter).reduce((total, usage) => total + usage.units, 0);
  }

  /** Estimated cost in US dollars of the requests that succeeded, optionally for one API or tenant. */
  costUsd(filter: { api?: string; tenant?: string } = {}): number {
    return this.#matching(filter).reduce((total, usage) => total + usage.costUsd, 0);
  }

  /** How many times ML was unavailable for a reason. */
  unavailableCount(reason: MlUnavailableReason): number {
    return this.unavailable.filter((entry) => entry.reason === reason).length;
  }

  #matching(filter: { api?: string; tenant?: string }): MlRequestUsage[] {
    return this.requests.filter(
      (usage) =>
        usage.succeeded &&
        (filter.api === undefined || usage.api === filter.api) &&
        (filter.tenant === undefined || usage.tenant === filter.tenant),
    );
  }
}
