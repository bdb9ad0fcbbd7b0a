/** Base of the errors raised while reading rule packs from files. */
export class RuleFilesError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuleFilesError';
  }
}

/** The policies directory cannot be read, or holds no rule pack at all. */
export class RuleDirectoryError extends RuleFilesError {
  readonly directory: string;

  constructor(directory: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuleDirectoryError';
    this.directory = directory;
  }
}

/** The offender policies directory cannot be read. */
export class OffenderPolicyDirectoryError extends RuleFilesError {
  readonly directory: string;

  constructor(directory: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OffenderPolicyDirectoryError';
    this.directory = directory;
  }
}
