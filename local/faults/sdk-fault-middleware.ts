import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { RequestThrottled, SQSServiceException } from '@aws-sdk/client-sqs';
import type { DeserializeMiddleware, MiddlewareStack } from '@smithy/types';

/** The faults an SDK request can meet. */
export type SdkFault = 'throttle' | 'serverError' | 'timeout';

export interface SdkFaultOptions {
  /** Chance per request attempt of each fault; an attempt meets at most one. */
  throttle: number;
  serverError: number;
  timeout: number;
  random: () => number;
  /** How long a timed-out attempt hangs before it fails; 20 ms by default, so tests stay quick. */
  timeoutDelayMs?: number;
  onFault?: (fault: SdkFault, operation: string) => void;
}

/** A client whose middleware stack can take the fault middleware: any AWS SDK v3 client. */
export interface MiddlewareClient {
  // biome-ignore lint/suspicious/noExplicitAny: every client's stack has its own input and output unions.
  middlewareStack: MiddlewareStack<any, any>;
}

export const SDK_FAULT_MIDDLEWARE = 'patrolFaultInjection';

/**
 * Adds fault injection to an AWS SDK client. It sits inside the SDK's retry loop, so the SDK meets
 * each injected throttle, 5xx or timeout as it would a real one: classified by its shape, retried with
 * backoff, and surfaced only when every attempt failed.
 */
export function addSdkFaults(client: MiddlewareClient, options: SdkFaultOptions): void {
  client.middlewareStack.add(sdkFaultMiddleware(options), {
    step: 'deserialize',
    name: SDK_FAULT_MIDDLEWARE,
    priority: 'high',
    override: true,
  });
}

/** The middleware itself: draws a fault per attempt and throws it in the shape the real service answers with. */
export function sdkFaultMiddleware(options: SdkFaultOptions): DeserializeMiddleware<object, object> {
  return (next, context) => async (args) => {
    const fault = drawFault(options);
    if (fault === undefined) return next(args);
    const operation = context.commandName ?? 'request';
    options.onFault?.(fault, operation);
    const dynamodb = context.clientName === 'DynamoDBClient';
    if (fault === 'timeout') {
      // Half the time the service acted before the answer was lost: the retry then finds its own work done.
      if (options.random() < 0.5) await next(args).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, options.timeoutDelayMs ?? 20));
      throw timeoutError();
    }
    if (fault === 'throttle') throw throttlingError(dynamodb, options.random() < 0.5);
    throw serverError(dynamodb);
  };
}

function drawFault(options: SdkFaultOptions): SdkFault | undefined {
  const draw = options.random();
  if (draw < options.throttle) return 'throttle';
  if (draw < options.throttle + options.serverError) return 'serverError';
  if (draw < options.throttle + options.serverError + options.timeout) return 'timeout';
  return undefined;
}

const THROTTLED_METADATA = { httpStatusCode: 400, requestId: 'injected-fault' };
const SERVER_ERROR_METADATA = { httpStatusCode: 500, requestId: 'injected-fault' };

/** DynamoDB answers ProvisionedThroughputExceededException or ThrottlingException; SQS RequestThrottled. */
function throttlingError(dynamodb: boolean, provisioned: boolean): Error {
  const error = !dynamodb
    ? new RequestThrottled({ message: 'Request is throttled.', $metadata: THROTTLED_METADATA })
    : provisioned
      ? new ProvisionedThroughputExceededException({
          message: 'The level of configured provisioned throughput for the table was exceeded.',
          $metadata: THROTTLED_METADATA,
        })
      : new ThrottlingException({
          message: 'Throughput exceeds the current capacity.',
          $metadata: THROTTLED_METADATA,
        });
  return Object.assign(error, { $retryable: { throttling: true } });
}

function serverError(dynamodb: boolean): Error {
  if (dynamodb)
    return new InternalServerError({ message: 'Internal server error', $metadata: SERVER_ERROR_METADATA });
  return new SQSServiceException({
    name: 'InternalFailure',
    $fault: 'server',
    message: 'We encountered an internal error. Please try again.',
    $metadata: SERVER_ERROR_METADATA,
  });
}

/** What the SDK's HTTP handler throws when a socket goes quiet. */
function timeoutError(): Error {
  return Object.assign(new Error('the request socket timed out (injected)'), { name: 'TimeoutError' });
}
