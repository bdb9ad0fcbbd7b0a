import type { SignalName } from '#schemas/submission';

/** Base of the errors raised while turning identity signals into hashes. */
export class IdentityError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdentityError';
  }
}

/** A raw signal that cannot be put in canonical form; the message never repeats the value. */
export class InvalidSignalError extends IdentityError {
  readonly signal: SignalName;

  constructor(signal: SignalName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidSignalError';
    this.signal = signal;
  }
}

/** One or more raw signals of a submission were malformed; each problem names its signal. */
export class InvalidSignalsError extends IdentityError {
  readonly problems: readonly InvalidSignalError[];

  constructor(problems: readonly InvalidSignalError[]) {
    super(problems.map((problem) => `${problem.signal}: ${problem.message}`).join('; '));
    this.name = 'InvalidSignalsError';
    this.problems = problems;
  }
}

/** The tenant has no signal key: it was never set up, so retrying cannot help. */
export class TenantKeyNotFoundError extends IdentityError {
  readonly tenant: string;

  constructor(tenant: string, options?: { cause?: unknown }) {
    super(`no signal key is configured for tenant ${tenant}`, options);
    this.name = 'TenantKeyNotFoundError';
    this.tenant = tenant;
  }
}
