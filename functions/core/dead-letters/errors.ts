/** Base of the errors raised while reading or replaying a dead-letter queue. */
export class DeadLetterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeadLetterError';
  }
}

/** Received letters could not be made visible again; nothing is lost, they reappear after the hold. */
export class DeadLetterReleaseError extends DeadLetterError {
  readonly messageIds: readonly string[];

  constructor(messageIds: readonly string[], holdSeconds: number, options?: { cause?: unknown }) {
    super(
      `${messageIds.length} dead letter(s) could not be made visible again; they reappear by themselves within ${holdSeconds} s`,
      options,
    );
    this.name = 'DeadLetterReleaseError';
    this.messageIds = messageIds;
  }
}
