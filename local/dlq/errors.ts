/** Base of the errors of `patrol dlq`. */
export class DlqCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DlqCommandError';
  }
}

/** The options do not say, or the stage does not tell, which queues and table to read. */
export class DlqTargetError extends DlqCommandError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DlqTargetError';
  }
}
