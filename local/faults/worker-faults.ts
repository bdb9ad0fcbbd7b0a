import type { SqsBatchHandler } from '../sqs-poller.ts';
import { withCrashes } from './crashing-handler.ts';
import type { FaultCounts, FaultPlan } from './fault-plan.ts';
import { addSdkFaults, type MiddlewareClient } from './sdk-fault-middleware.ts';

/** Hooks through which the local runtime lets faults into its ingest worker, and only there. */
export interface WorkerFaults {
  /** Called with each SDK client the worker builds (DynamoDB for its stores, SQS for its poller). */
  instrumentClient(client: MiddlewareClient): void;
  /** Wraps each batch handler the worker builds. */
  wrapHandler(handler: SqsBatchHandler): SqsBatchHandler;
}

/** The worker hooks for a fault plan, counting each fault injected into `counts`. */
export function createWorkerFaults(plan: FaultPlan, random: () => number, counts: FaultCounts): WorkerFaults {
  return {
    instrumentClient(client) {
      if (plan.throttle + plan.serverError + plan.timeout === 0) return;
      addSdkFaults(client, {
        throttle: plan.throttle,
        serverError: plan.serverError,
        timeout: plan.timeout,
        random,
        onFault: (fault) => {
          counts[fault] += 1;
        },
      });
    },
    wrapHandler(handler) {
      if (plan.crash === 0) return handler;
      return withCrashes(handler, {
        rate: plan.crash,
        random,
        onCrash: () => {
          counts.crash += 1;
        },
      });
    },
  };
}
