import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type IntakeDependencies, intakeReviewRequest } from '#core/review/intake-review-request';
import { ReviewRequestSchema } from '#schemas/review-request';
import { logger, metrics, type Observability } from '#shared/observability';
import { createReviewDependencies } from '#shared/review-dependencies';

/** An SQS batch handler answering with the records to retry. */
export type ReviewIntakeHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The review intake handler over its dependencies: each record becomes a case (or merges into one);
 * a record that is not a review request, or fails, is retried and ends in the review DLQ.
 */
export function createReviewIntakeHandler(
  dependencies: IntakeDependencies & { observability?: Observability },
): ReviewIntakeHandler {
  const observed = dependencies.observability ?? { logger, metrics };
  const take = async ({ messageId, body }: SQSRecord): Promise<void> => {
    const request = ReviewRequestSchema.parse(JSON.parse(body));
    const result = await intakeReviewRequest(request, dependencies);
    observed.metrics.addMetric(
      `Case${result.outcome === 'already-open' ? 'Redelivered' : result.outcome}`,
      MetricUnit.Count,
      1,
    );
    observed.logger.info('review request taken', {
      messageId,
      outcome: result.outcome,
      ...(result.outcome === 'muted'
        ? {}
        : { caseId: result.reviewCase.caseId, queue: result.reviewCase.queue }),
    });
  };
  return (event, context) =>
    processPartialResponse(event, take, new BatchProcessor(EventType.SQS), {
      ...(context === undefined ? {} : { context }),
      throwOnFullBatchFailure: false,
    });
}

let intake: ReviewIntakeHandler | undefined;

/** The Lambda entry point; its dependencies are built from the environment on the first invocation. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler((event, context) => {
    intake ??= createReviewIntakeHandler(createReviewDependencies());
    return intake(event, context);
  });
