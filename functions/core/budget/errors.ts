/** Base of the errors raised by the ML budget. */
export class BudgetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BudgetError';
  }
}

/** A reservation or a cap that no budget could honour, such as a negative or fractional unit count. */
export class InvalidBudgetRequestError extends BudgetError {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InvalidBudgetRequestError';
    this.field = field;
  }
}
