/** Base of the errors raised while training, reading or running the embedded classifier. */
export class ClassifierError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClassifierError';
  }
}

/** The bytes are not a model file this version can read, or they were damaged. */
export class ModelFormatError extends ClassifierError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`not a readable classifier model: ${message}`, options);
    this.name = 'ModelFormatError';
  }
}

/** Training or evaluation data that cannot be used as given; `origin` names the example when known. */
export class TrainingDataError extends ClassifierError {
  readonly origin: string | undefined;

  constructor(message: string, origin?: string, options?: { cause?: unknown }) {
    super(origin === undefined ? message : `${origin}: ${message}`, options);
    this.name = 'TrainingDataError';
    this.origin = origin;
  }
}

/** Training options outside what the trainer accepts, such as a bucket count that is not a power of two. */
export class TrainingOptionsError extends ClassifierError {
  readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'TrainingOptionsError';
    this.option = option;
  }
}
