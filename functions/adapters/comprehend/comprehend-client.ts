import { ComprehendClient, type ComprehendClientConfig } from '@aws-sdk/client-comprehend';

/** How long to wait for a connection, and for a whole response, before the SDK gives up on a request. */
const CONNECTION_TIMEOUT_MS = 500;
const REQUEST_TIMEOUT_MS = 2_000;

/**
 * A Comprehend client for the classifier: one attempt per send, since the classifier retries with its own
 * back-off and breaker (two retry loops would multiply), and socket timeouts as a floor under its own.
 */
export function createComprehendClient(config: ComprehendClientConfig = {}): ComprehendClient {
  return new ComprehendClient({
    maxAttempts: 1,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    ...config,
  });
}
