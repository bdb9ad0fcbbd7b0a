/** The function was deployed without the settings it needs; no message can be decided until it is fixed. */
export class ConfigurationError extends Error {
  readonly missing: readonly string[];

  constructor(missing: readonly string[], options?: { cause?: unknown }) {
    super(`missing environment variables: ${missing.join(', ')}`, options);
    this.name = 'ConfigurationError';
    this.missing = missing;
  }
}
