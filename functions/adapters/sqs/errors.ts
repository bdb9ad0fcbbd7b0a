/** Base of the errors raised by the SQS adapters. */
export class SqsAdapterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqsAdapterError';
  }
}

/** SQS answered without a field every answer of its kind has. */
export class UnexpectedSqsResponseError extends SqsAdapterError {
  readonly queueUrl: string;

  constructor(queueUrl: string, what: string) {
    super(`${queueUrl}: ${what}`);
    this.name = 'UnexpectedSqsResponseError';
    this.queueUrl = queueUrl;
  }
}

/** Some entries of a batch request failed; the others went through. */
export class SqsBatchEntriesError extends SqsAdapterError {
  readonly queueUrl: string;
  readonly failures: readonly { messageId: string; reason: string }[];

  constructor(
    queueUrl: string,
    operation: string,
    failures: readonly { messageId: string; reason: string }[],
  ) {
    super(
      `${operation} on ${queueUrl} failed for ${failures
        .map((failure) => `${failure.messageId} (${failure.reason})`)
        .join(', ')}`,
    );
    this.name = 'SqsBatchEntriesError';
    this.queueUrl = queueUrl;
    this.failures = failures;
  }
}
