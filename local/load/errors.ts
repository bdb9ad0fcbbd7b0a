/** Base of the errors of `patrol load`. */
export class LoadRunError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LoadRunError';
  }
}

/** An option of `patrol load` with a value it cannot use; `option` names it. */
export class LoadOptionError extends LoadRunError {
  readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'LoadOptionError';
    this.option = option;
  }
}

/** The queues `patrol load` sends to could not be found at the endpoint. */
export class LoadQueueNotFoundError extends LoadRunError {
  readonly queueName: string;

  constructor(queueName: string, endpoint: string, options?: ErrorOptions) {
    super(`queue ${queueName} was not found at ${endpoint}; is patrol dev running there?`, options);
    this.name = 'LoadQueueNotFoundError';
    this.queueName = queueName;
  }
}

/** Messages the SQS endpoint refused again and again; the run cannot say what became of them. */
export class LoadSendError extends LoadRunError {
  readonly unsent: number;

  constructor(unsent: number, options?: ErrorOptions) {
    super(`${unsent} messages could not be sent to the queue`, options);
    this.name = 'LoadSendError';
    this.unsent = unsent;
  }
}
