/** The function was deployed without the settings it needs; no message can be decided until it is fixed. */
export class ConfigurationError extends Error {
  readonly missing: readonly string[];

  constructor(missing: readonly string[], options?: { cause?: unknown }) {
    super(`missing environment variables: ${missing.join(', ')}`, options);
    this.name = 'ConfigurationError';
    this.missing = missing;
  }
}

/** A variable the function was deployed with does not hold what it should. */
export class InvalidEnvironmentVariableError extends Error {
  readonly variable: string;

  constructor(variable: string, reason: string, options?: { cause?: unknown }) {
    super(`environment variable ${variable}: ${reason}`, options);
    this.name = 'InvalidEnvironmentVariableError';
    this.variable = variable;
  }
}
