/** Base of the errors raised when Patrol sends a message on again. */
export class ResendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResendError';
  }
}

/** The message has already been sent on `hops` times, the most allowed: it stays where it is. */
export class HopLimitError extends ResendError {
  readonly hops: number;
  readonly maxHops: number;

  constructor(hops: number, maxHops: number) {
    super(
      `the message was already sent on ${hops} times, the most allowed (${maxHops}); it stays where it is so a message that keeps coming back cannot loop`,
    );
    this.name = 'HopLimitError';
    this.hops = hops;
    this.maxHops = maxHops;
  }
}
