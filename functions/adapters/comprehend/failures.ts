import type { MlUnavailableReason } from '#ports/ml-metrics';
import { ComprehendTimeoutError } from './errors.ts';

/** Error names AWS services use for throttling. */
const THROTTLING_ERRORS = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
]);

/** The name the SDK's HTTP handler gives a connection or response that took longer than its timeout. */
const SOCKET_TIMEOUT_ERROR = 'TimeoutError';

/** Socket errors worth another attempt. */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

interface ServiceFailure {
  name?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Whether Comprehend refused a call for its rate. */
export function isThrottling(error: unknown): boolean {
  return error instanceof Error && THROTTLING_ERRORS.has(error.name);
}

/** Whether a failed call may succeed if tried again: throttling, a 5xx, a timeout or a dropped connection. */
export function isTransient(error: unknown): boolean {
  if (isTimeout(error) || isThrottling(error)) return true;
  if (!(error instanceof Error)) return false;
  const failure = error as ServiceFailure;
  if (failure.$retryable !== undefined || failure.$fault === 'server') return true;
  const status = failure.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;
  return failure.code !== undefined && TRANSIENT_NETWORK_CODES.has(failure.code);
}

/** Whether a call was abandoned for taking too long, by the classifier or by the SDK's socket timeouts. */
export function isTimeout(error: unknown): boolean {
  return (
    error instanceof ComprehendTimeoutError || (error instanceof Error && error.name === SOCKET_TIMEOUT_ERROR)
  );
}

/** The reason a call's last failure makes ML unavailable. */
export function unavailableReason(error: unknown): MlUnavailableReason {
  if (isTimeout(error)) return 'timeout';
  return isThrottling(error) ? 'throttled' : 'call_failed';
}
