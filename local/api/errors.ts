/** A caller's mistake, answered with its HTTP status and a message; the one place errors become codes. */
export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** A parameter the API cannot use; the message names it. */
export class BadRequestError extends ApiError {
  constructor(message: string, options?: ErrorOptions) {
    super(400, message, options);
    this.name = 'BadRequestError';
  }
}

/** The request's body is larger than the API reads. */
export class PayloadTooLargeError extends ApiError {
  constructor(message: string) {
    super(413, message);
    this.name = 'PayloadTooLargeError';
  }
}

/** No such route, or nothing stored under the asked-for key. */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(404, message);
    this.name = 'NotFoundError';
  }
}

/** The route exists but not for this method. */
export class MethodNotAllowedError extends ApiError {
  readonly allowed: string[];

  constructor(method: string, path: string, allowed: string[]) {
    super(405, `${method} is not allowed on ${path}; use ${allowed.join(' or ')}`);
    this.name = 'MethodNotAllowedError';
    this.allowed = allowed;
  }
}
