import type { RulePackIssue } from '#core/rules/rule-pack-issue';

/** Base of the errors raised while keeping strikes, enforcement and author facts. */
export class OffenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OffenderError';
  }
}

/** One or more offender policy files are invalid; `issues` names the file, line and field of each. */
export class InvalidOffenderPolicyError extends OffenderError {
  readonly issues: readonly RulePackIssue[];

  constructor(issues: readonly RulePackIssue[], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidOffenderPolicyError';
    this.issues = issues;
  }
}

/** Other writers kept taking the user's next enforcement sequence; the change can be retried as a whole. */
export class EnforcementContentionError extends OffenderError {
  readonly tenant: string;
  readonly userId: string;

  constructor(tenant: string, userId: string, attempts: number, options?: { cause?: unknown }) {
    super(
      `user ${userId} of tenant ${tenant}: the next enforcement sequence was taken ${attempts} times in a row`,
      options,
    );
    this.name = 'EnforcementContentionError';
    this.tenant = tenant;
    this.userId = userId;
  }
}

/** A manual action that would change nothing, such as lifting enforcement from a user with none. */
export class NothingToEnforceError extends OffenderError {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToEnforceError';
  }
}
