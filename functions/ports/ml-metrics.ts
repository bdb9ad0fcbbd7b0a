/** One request to a paid ML API, as metered: `api` is the provider's operation name. */
export interface MlRequestUsage {
  api: string;
  tenant: string;
  units: number;
  costUsd: number;
  succeeded: boolean;
}

/** Why ML gave no scores for an item that needed them. */
export type MlUnavailableReason =
  | 'throttled'
  | 'timeout'
  | 'call_failed'
  | 'circuit_open'
  | 'budget_exceeded';

/** Counts ML requests, their units and estimated cost, and ML outages, for dashboards and alarms. */
export interface MlMetrics {
  recordRequest(usage: MlRequestUsage): void;
  recordUnavailable(reason: MlUnavailableReason, tenant: string): void;
}
