/** Base of the errors raised while normalising text or mapping offsets back to the original. */
export class NormaliseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NormaliseError';
  }
}

/** A span given to `toOriginalSpan` lies outside the normalised text or ends before it starts. */
export class SpanOutOfRangeError extends NormaliseError {
  readonly start: number;
  readonly end: number;
  readonly length: number;

  constructor(start: number, end: number, length: number) {
    super(
      `span [${start}, ${end}) is not within the normalised text of length ${length}: expected 0 <= start <= end <= ${length}`,
    );
    this.name = 'SpanOutOfRangeError';
    this.start = start;
    this.end = end;
    this.length = length;
  }
}
