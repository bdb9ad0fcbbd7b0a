/** An item read from a Patrol table does not have the shape Patrol writes. */
export class MalformedItemError extends Error {
  readonly key: string;

  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super(`item ${key}: ${message}`, options);
    this.name = 'MalformedItemError';
    this.key = key;
  }
}

/** A batch write that DynamoDB kept leaving partly unprocessed (throttling); the caller retries it whole. */
export class UnprocessedWritesError extends Error {
  readonly tableName: string;
  readonly unprocessed: number;

  constructor(tableName: string, unprocessed: number, attempts: number, options?: { cause?: unknown }) {
    super(`${unprocessed} writes to ${tableName} were still unprocessed after ${attempts} attempts`, options);
    this.name = 'UnprocessedWritesError';
    this.tableName = tableName;
    this.unprocessed = unprocessed;
  }
}
