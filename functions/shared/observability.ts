import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RejectedSubmissionError } from '#core/decide/errors';
import type { RecordedVerdict } from '#ports/verdict-store';

/** The namespace every Patrol metric is published under. */
export const METRICS_NAMESPACE = 'Patrol';

// A serviceName given to the constructors would override the one each function's environment sets.
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'patrol';

/** Structured JSON logs; POWERTOOLS_LOG_LEVEL and POWERTOOLS_SERVICE_NAME adjust them per function. */
export const logger = new Logger({ serviceName });

/** CloudWatch metrics in embedded metric format, flushed once per invocation by the middleware. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });

/** The logger and metrics a handler writes to; tests and the local runtime may pass their own. */
export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

/**
 * Logs and counts a stored verdict, by outcome (`DecisionAllow`, `DecisionReview`, `DecisionBlock`)
 * or as `Redelivered`. Logs only identifiers and rule ids, never text or signals.
 */
export function observeDecision(
  { logger, metrics }: Observability,
  messageId: string,
  recorded: RecordedVerdict,
): void {
  const { verdict, created } = recorded;
  const outcome = verdict.decision.charAt(0).toUpperCase() + verdict.decision.slice(1);
  metrics.addMetric(created ? `Decision${outcome}` : 'Redelivered', MetricUnit.Count, 1);
  logger.info(created ? 'verdict recorded' : 'verdict already recorded', {
    messageId,
    tenant: verdict.tenant,
    contentId: verdict.contentId,
    version: verdict.version,
    decision: verdict.decision,
    ruleIds: verdict.reasons.map((reason) => reason.ruleId),
    ruleSetVersion: verdict.ruleSetVersion,
  });
}

/** Logs and counts (`Rejected`) a message refused for its content; the reason names fields, not values. */
export function observeRejection(
  { logger, metrics }: Observability,
  messageId: string,
  error: RejectedSubmissionError,
): void {
  metrics.addMetric('Rejected', MetricUnit.Count, 1);
  logger.warn('submission rejected', {
    messageId,
    tenant: error.tenant,
    contentId: error.contentId,
    rejection: error.name,
    reason: error.message,
  });
}

/** Logs and counts (`Unavailable`) a message left for a retry because a dependency failed. */
export function observeFailure({ logger, metrics }: Observability, messageId: string, error: unknown): void {
  metrics.addMetric('Unavailable', MetricUnit.Count, 1);
  logger.error('submission not decided; it will be retried', { messageId, error });
}
