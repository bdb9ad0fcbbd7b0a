/** CloudFormation's pre-signed response URL did not accept a custom resource's answer. */
export class CustomResourceResponseError extends Error {
  readonly status: number;

  constructor(status: number, options?: { cause?: unknown }) {
    super(`the custom resource response was refused with HTTP ${status}`, options);
    this.name = 'CustomResourceResponseError';
    this.status = status;
  }
}
