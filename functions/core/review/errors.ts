/** Base of the review errors: a case, claim, decision or policy the review service refuses. */
export class ReviewError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReviewError';
  }
}

/** A review policy that does not hold together; `path` names the field. */
export class InvalidReviewPolicyError extends ReviewError {
  readonly issues: readonly { path: string; message: string }[];

  constructor(
    source: string,
    issues: readonly { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(
      `invalid review policy ${source}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      options,
    );
    this.name = 'InvalidReviewPolicyError';
    this.issues = issues;
  }
}

/** A queue name the tenant's review policy does not define. */
export class UnknownQueueError extends ReviewError {
  readonly queue: string;

  constructor(queue: string, options?: { cause?: unknown }) {
    super(`queue ${queue} is not defined in the review policy`, options);
    this.name = 'UnknownQueueError';
    this.queue = queue;
  }
}

/** No case with this id for the tenant. */
export class CaseNotFoundError extends ReviewError {
  readonly caseId: string;

  constructor(caseId: string, options?: { cause?: unknown }) {
    super(`no case ${caseId}`, options);
    this.name = 'CaseNotFoundError';
    this.caseId = caseId;
  }
}

/** Base of the refusals that depend on the case's current state (HTTP 409). */
export class CaseConflictError extends ReviewError {
  readonly caseId: string;

  constructor(caseId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaseConflictError';
    this.caseId = caseId;
  }
}

/** Another moderator holds the case under a lease that has not run out. */
export class CaseHeldError extends CaseConflictError {
  readonly holder: string;
  readonly leaseExpiresAt: string;

  constructor(caseId: string, holder: string, leaseExpiresAt: string) {
    super(caseId, `case ${caseId} is claimed by ${holder} until ${leaseExpiresAt}`);
    this.name = 'CaseHeldError';
    this.holder = holder;
    this.leaseExpiresAt = leaseExpiresAt;
  }
}

/** The case was claimed again since the caller's claim: the caller's claim version is stale (fencing). */
export class StaleClaimError extends CaseConflictError {
  readonly holder: string | undefined;

  constructor(caseId: string, claimVersion: number, holder: string | undefined, currentVersion?: number) {
    super(
      caseId,
      holder === undefined
        ? `claim version ${claimVersion} of case ${caseId} is no longer held; claim the case again`
        : `claim version ${claimVersion} of case ${caseId} is stale: ${holder} holds it under claim version ${currentVersion}`,
    );
    this.name = 'StaleClaimError';
    this.holder = holder;
  }
}

/** The caller acts on a case nobody has claimed; a decision needs a claim. */
export class CaseNotClaimedError extends CaseConflictError {
  constructor(caseId: string) {
    super(caseId, `case ${caseId} is not claimed; claim it before deciding`);
    this.name = 'CaseNotClaimedError';
  }
}

/** The case is decided: nothing more can be done to it. */
export class CaseClosedError extends CaseConflictError {
  constructor(caseId: string) {
    super(caseId, `case ${caseId} is already decided`);
    this.name = 'CaseClosedError';
  }
}

/** An appeal may not be decided by the moderator whose decision is appealed. */
export class OwnAppealError extends CaseConflictError {
  constructor(caseId: string, moderatorId: string) {
    super(caseId, `case ${caseId} appeals a decision by ${moderatorId}, who may not decide the appeal`);
    this.name = 'OwnAppealError';
  }
}

/** Another write to the case landed first; the caller re-reads and tries again. */
export class CaseVersionConflictError extends ReviewError {
  readonly caseId: string;
  readonly expectedVersion: number;

  constructor(caseId: string, expectedVersion: number, options?: { cause?: unknown }) {
    super(`case ${caseId} moved past version ${expectedVersion}`, options);
    this.name = 'CaseVersionConflictError';
    this.caseId = caseId;
    this.expectedVersion = expectedVersion;
  }
}

/** The caller may not work this queue (HTTP 403). */
export class QueueForbiddenError extends ReviewError {
  readonly queue: string;

  constructor(queue: string, who: string) {
    super(`${who} may not work queue ${queue}`);
    this.name = 'QueueForbiddenError';
    this.queue = queue;
  }
}

/** An Idempotency-Key was used before with another request body. */
export class IdempotencyKeyReusedError extends ReviewError {
  readonly key: string;

  constructor(key: string) {
    super(`Idempotency-Key ${key} was used with another request; use a new key for a new request`);
    this.name = 'IdempotencyKeyReusedError';
    this.key = key;
  }
}

/** The audit of a content view could not be written, so the content is not shown. */
export class AuditUnavailableError extends ReviewError {
  constructor(options?: { cause?: unknown }) {
    super('the audit log could not record this view, so the content is not shown', options);
    this.name = 'AuditUnavailableError';
  }
}

/** A decision or escalation the case's kind does not allow. */
export class InvalidDecisionError extends ReviewError {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InvalidDecisionError';
    this.field = field;
  }
}

/** The caller's role may not do this (HTTP 403). */
export class RoleForbiddenError extends ReviewError {
  readonly role: string;

  constructor(role: string, action: string) {
    super(`a ${role} may not ${action}`);
    this.name = 'RoleForbiddenError';
    this.role = role;
  }
}

/** There is no verdict to appeal, or it is not one a person can appeal yet. */
export class NothingToAppealError extends ReviewError {
  readonly contentId: string;
  /** True when a verdict exists but still waits for review; false when there is none. */
  readonly pending: boolean;

  constructor(contentId: string, pending: boolean) {
    super(
      pending
        ? `content ${contentId} is still waiting for review; there is no decision to appeal yet`
        : `no verdict on content ${contentId} to appeal`,
    );
    this.name = 'NothingToAppealError';
    this.contentId = contentId;
    this.pending = pending;
  }
}
