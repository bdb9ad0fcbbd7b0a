/** One problem with a refused message: where (a dotted field path, empty for the whole body) and what. */
export interface SubmissionIssue {
  path: string;
  message: string;
}

/** Base of the errors that stop a message from being decided. */
export class IngestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestError';
  }
}

/**
 * The message itself is at fault, so retrying cannot help: it is refused with its reason and, after
 * the queue's receive limit, kept in the DLQ for `patrol dlq`. Never carries raw field values.
 */
export class RejectedSubmissionError extends IngestError {
  readonly issues: readonly SubmissionIssue[];
  readonly tenant: string | undefined;
  readonly contentId: string | undefined;

  constructor(
    message: string,
    context: { issues?: readonly SubmissionIssue[]; tenant?: string; contentId?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RejectedSubmissionError';
    this.issues = context.issues ?? [];
    this.tenant = context.tenant;
    this.contentId = context.contentId;
  }
}

/** The body is not JSON, names an unsupported `schemaVersion`, or breaks the contract. */
export class InvalidSubmissionError extends RejectedSubmissionError {
  constructor(
    message: string,
    context: { issues?: readonly SubmissionIssue[]; tenant?: string; contentId?: string },
    options?: { cause?: unknown },
  ) {
    super(message, context, options);
    this.name = 'InvalidSubmissionError';
  }
}

/** The submission names a tenant Patrol holds no signal key for: it was never set up. */
export class UnknownTenantError extends RejectedSubmissionError {
  constructor(tenant: string, contentId: string, options?: { cause?: unknown }) {
    super(`tenant ${tenant} is not configured: it has no signal key`, { tenant, contentId }, options);
    this.name = 'UnknownTenantError';
  }
}

/** A dependency failed: the message is retried as it is and decided once the dependency is back. */
export class IngestUnavailableError extends IngestError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngestUnavailableError';
  }
}

/** The verdict store could not be written or read. */
export class VerdictStoreUnavailableError extends IngestUnavailableError {
  constructor(options?: { cause?: unknown }) {
    super('the verdict store is unavailable', options);
    this.name = 'VerdictStoreUnavailableError';
  }
}

/** The tenant's signal key could not be fetched. */
export class TenantSecretsUnavailableError extends IngestUnavailableError {
  constructor(options?: { cause?: unknown }) {
    super('the tenant signal keys are unavailable', options);
    this.name = 'TenantSecretsUnavailableError';
  }
}

/** The active rule set could not be loaded or failed on this item. */
export class RulesUnavailableError extends IngestUnavailableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RulesUnavailableError';
  }
}

/** The review queue refused a borderline verdict or a report; the message is retried. */
export class ReviewQueueUnavailableError extends IngestUnavailableError {
  constructor(options?: { cause?: unknown }) {
    super('the review queue is unavailable', options);
    this.name = 'ReviewQueueUnavailableError';
  }
}

/** The author's ledger, counters or offender policy could not be read or written; the message is retried. */
export class OffenderStoreUnavailableError extends IngestUnavailableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OffenderStoreUnavailableError';
  }
}

/**
 * A paid classifier failed without naming an ML outage reason, as when its budget store is unavailable:
 * a storage failure, so the message is retried rather than sent to review.
 */
export class MlBudgetStoreUnavailableError extends IngestUnavailableError {
  constructor(options?: { cause?: unknown }) {
    super('the ML budget could not be checked', options);
    this.name = 'MlBudgetStoreUnavailableError';
  }
}
