import type { SqsBatchHandler } from '../sqs-poller.ts';
import { WorkerKilledError } from './errors.ts';

/** A handler that can be killed, and the switch. */
export interface KillableHandler {
  handler: SqsBatchHandler;
  /** Fails every invocation in flight and every later one at once, without waiting for their work. */
  kill(): void;
}

/**
 * Wraps a batch handler so the worker running it can be killed as a Lambda is: batches in flight fail
 * at once and are never acknowledged, so the queue redelivers them, while whatever writes they already
 * started may still land, as they would on AWS.
 */
export function killable(handler: SqsBatchHandler): KillableHandler {
  let dead = false;
  let die: () => void = () => {};
  const death = new Promise<never>((_, reject) => {
    die = () => reject(new WorkerKilledError());
  });
  // Without a listener the rejection would be reported as unhandled when nothing is in flight.
  death.catch(() => undefined);
  return {
    handler: (event, context) =>
      dead ? Promise.reject(new WorkerKilledError()) : Promise.race([handler(event, context), death]),
    kill: () => {
      dead = true;
      die();
    },
  };
}
