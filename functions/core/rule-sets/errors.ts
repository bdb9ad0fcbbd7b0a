import type { RulePackIssue } from '#core/rules/rule-pack-issue';

/** Base error of rule-set management. */
export class RuleSetError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RuleSetError';
  }
}

/** The packs do not parse or check; every issue is located at its file, line and column. */
export class InvalidRuleSetError extends RuleSetError {
  readonly issues: readonly RulePackIssue[];

  constructor(issues: readonly RulePackIssue[], options?: ErrorOptions) {
    super(
      `packs: ${issues.length} issue${issues.length === 1 ? '' : 's'}, first at ${issues[0]?.file}:${issues[0]?.line}: ${issues[0]?.message}`,
      options,
    );
    this.name = 'InvalidRuleSetError';
    this.issues = issues;
  }
}

/** No such version. */
export class RuleSetVersionNotFoundError extends RuleSetError {
  readonly version: number;

  constructor(version: number) {
    super(`no rule-set version ${version}`);
    this.name = 'RuleSetVersionNotFoundError';
    this.version = version;
  }
}

/** Someone else saved or moved the pointer first: the caller re-reads and decides again. */
export class RuleSetConflictError extends RuleSetError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RuleSetConflictError';
  }
}

/** Nothing earlier to roll back to, or nothing stored yet. */
export class NothingToRollBackError extends RuleSetError {
  constructor() {
    super('no earlier version was live: nothing to roll back to');
    this.name = 'NothingToRollBackError';
  }
}

/** No re-patrol with this id for the caller's tenant. */
export class RepatrolNotFoundError extends RuleSetError {
  readonly jobId: string;

  constructor(jobId: string) {
    super(`no re-patrol ${jobId}`);
    this.name = 'RepatrolNotFoundError';
    this.jobId = jobId;
  }
}
