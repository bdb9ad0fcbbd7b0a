/** Base error of the console. */
export class ConsoleError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConsoleError';
  }
}

/** The API refused a request; the message is the API's, which names the field at fault. */
export class ApiRequestError extends ConsoleError {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>, options?: ErrorOptions) {
    super(typeof body.error === 'string' ? body.error : `HTTP ${status}`, options);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }
}

/** The console could not reach the API at all. */
export class ApiUnreachableError extends ConsoleError {
  constructor(path: string, options?: ErrorOptions) {
    super(`could not reach the API for ${path}`, options);
    this.name = 'ApiUnreachableError';
  }
}
