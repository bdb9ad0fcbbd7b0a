import type { RulePackIssue } from './rule-pack-issue.ts';

/** Base of the errors raised while reading, compiling or running rules. */
export class RuleEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuleEngineError';
  }
}

/** The automaton was asked for something it cannot hold, such as an empty pattern. */
export class AutomatonError extends RuleEngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutomatonError';
  }
}

/** One or more rule packs are invalid; `issues` names the file, line, rule and field of each. */
export class InvalidRulePacksError extends RuleEngineError {
  readonly issues: readonly RulePackIssue[];

  constructor(issues: readonly RulePackIssue[], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidRulePacksError';
    this.issues = issues;
  }
}

/** Packs that are each valid do not compile together, e.g. two packs use one rule id. */
export class RuleSetCompileError extends RuleEngineError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options?: { cause?: unknown }) {
    super(`the rule set does not compile:\n${problems.map((problem) => `  ${problem}`).join('\n')}`, options);
    this.name = 'RuleSetCompileError';
    this.problems = problems;
  }
}
