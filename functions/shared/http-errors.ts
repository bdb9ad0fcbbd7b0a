/** A request the API refuses before any use case runs, with its HTTP status. */
export class HttpRequestError extends Error {
  readonly status: number;

  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpRequestError';
    this.status = status;
  }
}

/** No token, or one that does not verify (401). */
export class UnauthenticatedError extends HttpRequestError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(401, message, options);
    this.name = 'UnauthenticatedError';
  }
}

/** A token for another tenant than the one the path names (403). */
export class TenantMismatchError extends HttpRequestError {
  constructor(tenant: string) {
    super(403, `the token is not for tenant ${tenant}`);
    this.name = 'TenantMismatchError';
  }
}

/** A body, query or path parameter the route cannot use; the message names the field (400). */
export class InvalidRequestError extends HttpRequestError {
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(400, `${field}: ${message}`, options);
    this.name = 'InvalidRequestError';
    this.field = field;
  }
}
