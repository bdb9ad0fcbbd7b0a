/** Base of the errors raised while building the CDK app. */
export class InfraError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfraError';
  }
}

/** The stage configuration from the CDK context is missing or invalid. */
export class StageConfigError extends InfraError {
  readonly stage: string;

  constructor(stage: string, message: string, options?: { cause?: unknown }) {
    super(`stage ${stage}: ${message}`, options);
    this.name = 'StageConfigError';
    this.stage = stage;
  }
}
