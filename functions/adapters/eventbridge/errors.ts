/** Base of the errors raised while putting events on an EventBridge bus. */
export class EventBridgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventBridgeError';
  }
}

/** One event EventBridge did not accept, with the error code it gave. */
export interface UnpublishedEvent {
  eventId: string;
  errorCode: string;
  errorMessage?: string;
}

/** Some events were still refused after every retry, or the request itself failed. */
export class EventsNotPublishedError extends EventBridgeError {
  readonly unpublished: readonly UnpublishedEvent[];

  constructor(unpublished: readonly UnpublishedEvent[], options?: { cause?: unknown }) {
    const listed = unpublished.map((event) => `${event.eventId} (${event.errorCode})`).join(', ');
    super(`${unpublished.length} event(s) not published: ${listed}`, options);
    this.name = 'EventsNotPublishedError';
    this.unpublished = unpublished;
  }
}

/** An event is larger than one PutEvents request may carry, so no retry can deliver it. */
export class EventTooLargeError extends EventBridgeError {
  readonly eventId: string;
  readonly sizeBytes: number;

  constructor(eventId: string, sizeBytes: number, limitBytes: number) {
    super(`event ${eventId} is ${sizeBytes} bytes, over EventBridge's ${limitBytes}-byte limit`);
    this.name = 'EventTooLargeError';
    this.eventId = eventId;
    this.sizeBytes = sizeBytes;
  }
}
