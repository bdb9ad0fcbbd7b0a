import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { fireSlaTimer, type SlaTimerDependencies, sweepSlaTimers } from '#core/review/fire-sla-timer';
import { logger, metrics, type Observability } from '#shared/observability';
import { createReviewDependencies } from '#shared/review-dependencies';

/** What a one-time schedule passes: the timer; the periodic rule passes `{"sweep": true}`. */
export const SlaInvocationSchema = z.union([
  z
    .object({
      tenant: z.string(),
      caseId: z.string(),
      kind: z.enum(['warning', 'breach']),
      generation: z.number().int(),
    })
    .strict(),
  z.object({ sweep: z.literal(true) }).strict(),
]);

/** Fires one SLA timer or runs the sweep, counting warnings (`SlaWarning`) and breaches (`SlaBreach`). */
export function createSlaHandler(
  dependencies: SlaTimerDependencies & { observability?: Observability },
): (event: unknown) => Promise<unknown> {
  const { logger: log, metrics: counted } = dependencies.observability ?? { logger, metrics };
  return async (event) => {
    const invocation = SlaInvocationSchema.parse(event);
    if ('sweep' in invocation) {
      const counts = await sweepSlaTimers(dependencies);
      counted.addMetric('SlaWarning', MetricUnit.Count, counts.warned);
      counted.addMetric('SlaBreach', MetricUnit.Count, counts.breached + counts.escalated);
      log.info('SLA sweep', { ...counts });
      return counts;
    }
    const outcome = await fireSlaTimer(invocation, dependencies);
    if (outcome === 'warned') counted.addMetric('SlaWarning', MetricUnit.Count, 1);
    if (outcome === 'breached' || outcome === 'escalated')
      counted.addMetric('SlaBreach', MetricUnit.Count, 1);
    log.info('SLA timer fired', { caseId: invocation.caseId, kind: invocation.kind, outcome });
    return { outcome };
  };
}

let fire: ((event: unknown) => Promise<unknown>) | undefined;

/** The Lambda entry point Scheduler and the sweep rule invoke. */
export const handler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics))
  .handler((event) => {
    fire ??= createSlaHandler(createReviewDependencies());
    return fire(event);
  });
