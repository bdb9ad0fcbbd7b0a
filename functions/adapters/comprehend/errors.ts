import type { MlUnavailableReason } from '#ports/ml-metrics';
import type { ComprehendApi } from './pricing.ts';

/** Base of the errors raised by the Comprehend classifier. */
export class ComprehendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ComprehendError';
  }
}

/**
 * ML gave no scores for an item that needed them: a call failed after its retries, timed out, or the
 * breaker is open. The pipeline sends the item to review with reason `ml_unavailable`; it never allows it.
 */
export class MlUnavailableError extends ComprehendError {
  readonly reason: MlUnavailableReason;
  readonly tenant: string;
  readonly api: ComprehendApi | undefined;

  constructor(
    reason: MlUnavailableReason,
    context: { tenant: string; api?: ComprehendApi; message?: string },
    options?: { cause?: unknown },
  ) {
    const on = context.api === undefined ? '' : ` on ${context.api}`;
    super(context.message ?? `ML unavailable for tenant ${context.tenant}${on}: ${reason}`, options);
    this.name = 'MlUnavailableError';
    this.reason = reason;
    this.tenant = context.tenant;
    this.api = context.api;
  }
}

/** The tenant's daily ML budget has no room for the item's units, so no call was made. */
export class MlBudgetExceededError extends MlUnavailableError {
  readonly apis: readonly ComprehendApi[];
  readonly day: string;
  readonly requestedUnits: number;
  readonly capUnits: number;

  constructor(context: {
    tenant: string;
    apis: readonly ComprehendApi[];
    day: string;
    requestedUnits: number;
    capUnits: number;
  }) {
    const { tenant, apis, day, requestedUnits, capUnits } = context;
    super('budget_exceeded', {
      tenant,
      ...(apis.length === 1 ? { api: apis[0] } : {}),
      message: `ML budget of tenant ${tenant} for ${day} exceeded: ${requestedUnits} units of ${apis.join(', ')} would pass the daily cap of ${capUnits}`,
    });
    this.name = 'MlBudgetExceededError';
    this.apis = apis;
    this.day = day;
    this.requestedUnits = requestedUnits;
    this.capUnits = capUnits;
  }
}

/** One attempt of a Comprehend call took longer than its timeout; the call was abandoned. */
export class ComprehendTimeoutError extends ComprehendError {
  readonly api: ComprehendApi;
  readonly timeoutMs: number;

  constructor(api: ComprehendApi, timeoutMs: number, options?: { cause?: unknown }) {
    super(`${api} did not answer within ${timeoutMs} ms`, options);
    this.name = 'ComprehendTimeoutError';
    this.api = api;
    this.timeoutMs = timeoutMs;
  }
}

/** The classifier's settings are invalid; each issue names its field. */
export class ComprehendSettingsError extends ComprehendError {
  readonly issues: readonly { path: string; message: string }[];

  constructor(issues: readonly { path: string; message: string }[]) {
    super(
      `invalid Comprehend classifier settings: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
    this.name = 'ComprehendSettingsError';
    this.issues = issues;
  }
}
