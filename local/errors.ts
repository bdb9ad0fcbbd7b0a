/** Base error of the local runtime (`patrol dev`). */
export class LocalRuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalRuntimeError';
  }
}

/** A queue of the local SQS emulator could not be created as its definition says. */
export class QueueSetupError extends LocalRuntimeError {
  readonly queueName: string;

  constructor(queueName: string, options?: ErrorOptions) {
    super(`could not create the local queue ${queueName}`, options);
    this.name = 'QueueSetupError';
    this.queueName = queueName;
  }
}

/** An outbox cursor that is not one this runtime hands out. */
export class InvalidCursorError extends LocalRuntimeError {
  readonly cursor: string;

  constructor(cursor: string) {
    super(`cursor must be a non-negative integer as returned in nextCursor, got ${JSON.stringify(cursor)}`);
    this.name = 'InvalidCursorError';
    this.cursor = cursor;
  }
}

/** The webhook did not accept an event after every attempt; the event stays in the outbox. */
export class WebhookDeliveryError extends LocalRuntimeError {
  readonly eventId: string;
  readonly attempts: number;

  constructor(eventId: string, attempts: number, options?: ErrorOptions) {
    super(`webhook did not accept event ${eventId} after ${attempts} attempts`, options);
    this.name = 'WebhookDeliveryError';
    this.eventId = eventId;
    this.attempts = attempts;
  }
}

/** A handler ran past its consumer timeout; as on Lambda, its batch counts as failed. */
export class HandlerTimeoutError extends LocalRuntimeError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`handler did not finish within its timeout of ${timeoutMs} ms`);
    this.name = 'HandlerTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** Processed messages the queue refused to delete; they come back after their visibility timeout. */
export class MessageDeleteError extends LocalRuntimeError {
  readonly reasons: string[];

  constructor(reasons: string[]) {
    super(`could not delete ${reasons.length} processed messages: ${reasons.join('; ')}`);
    this.name = 'MessageDeleteError';
    this.reasons = reasons;
  }
}

/** An outbox item that does not hold a verdict event as the outbox writes it. */
export class OutboxItemError extends LocalRuntimeError {
  readonly sequenceKey: string;

  constructor(sequenceKey: string, options?: ErrorOptions) {
    super(`outbox item ${sequenceKey} does not hold a valid verdict event`, options);
    this.name = 'OutboxItemError';
    this.sequenceKey = sequenceKey;
  }
}

/** The webhook answered with a status other than 2xx. */
export class WebhookResponseError extends LocalRuntimeError {
  readonly status: number;

  constructor(status: number, answer: string) {
    super(`webhook answered ${status}${answer ? `: ${answer}` : ''}`);
    this.name = 'WebhookResponseError';
    this.status = status;
  }
}

/** A clean stop left messages in a queue; the SQS emulator keeps them in memory only, so they are gone. */
export class QueuedMessagesDroppedError extends LocalRuntimeError {
  readonly queueName: string;
  readonly count: number;

  constructor(queueName: string, count: number, detail: string) {
    super(
      `${count} messages still in ${queueName} are dropped at stop (queued messages live in memory only)${detail}`,
    );
    this.name = 'QueuedMessagesDroppedError';
    this.queueName = queueName;
    this.count = count;
  }
}

/** The console's sources did not bundle. */
export class ConsoleBuildError extends LocalRuntimeError {
  readonly directory: string;

  constructor(directory: string, options?: ErrorOptions) {
    super(`the console in ${directory} did not build`, options);
    this.name = 'ConsoleBuildError';
    this.directory = directory;
  }
}
