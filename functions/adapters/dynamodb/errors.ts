/** An item read from a Patrol table does not have the shape Patrol writes. */
export class MalformedItemError extends Error {
  readonly key: string;

  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super(`item ${key}: ${message}`, options);
    this.name = 'MalformedItemError';
    this.key = key;
  }
}
