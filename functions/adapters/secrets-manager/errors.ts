/** The signal-keys secret exists but does not hold `{ "<tenant>": "<base64 key>" }`. */
export class SignalKeysSecretError extends Error {
  readonly secretId: string;

  constructor(secretId: string, message: string, options?: { cause?: unknown }) {
    super(`secret ${secretId}: ${message}`, options);
    this.name = 'SignalKeysSecretError';
    this.secretId = secretId;
  }
}
