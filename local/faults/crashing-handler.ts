import type { SqsBatchHandler } from '../sqs-poller.ts';
import { InjectedCrashError } from './errors.ts';

export interface CrashOptions {
  /** Chance per batch that the worker dies partway through it. */
  rate: number;
  random: () => number;
  onCrash?: (error: InjectedCrashError) => void;
}

/**
 * Wraps a batch handler so that, at the given rate, it dies mid-batch: it hands the first records
 * (none to all but one) to the handler, then fails the whole invocation, as a Lambda that runs out of
 * memory does. The queue redelivers every record, including those already decided.
 */
export function withCrashes(handler: SqsBatchHandler, options: CrashOptions): SqsBatchHandler {
  return async (event, context) => {
    if (options.rate <= 0 || options.random() >= options.rate) return handler(event, context);
    const processed = Math.floor(options.random() * event.Records.length);
    if (processed > 0) await handler({ Records: event.Records.slice(0, processed) }, context);
    const crash = new InjectedCrashError(processed, event.Records.length);
    options.onCrash?.(crash);
    throw crash;
  };
}
