import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { RejectedSubmissionError } from '#core/decide/errors';
import { type IngestDependencies, ingestSubmission } from '#core/decide/ingest-submission';
import { toRejection } from '#core/decide/rejection';
import { hopsOf } from '#core/resend/hop-limit';
import type { RejectionLog } from '#ports/rejection-log';
import { createIngestDependencies } from '#shared/ingest-dependencies';
import {
  logger,
  metrics,
  type Observability,
  observeDecision,
  observeFailure,
  observeRejection,
} from '#shared/observability';

/** What the ingest handler needs: the use case's dependencies, the rejection log and, optionally, its own logger and metrics. */
export interface IngestHandlerDependencies extends IngestDependencies {
  rejections: RejectionLog;
  observability?: Observability;
}

/** An SQS batch handler answering with the records to retry. */
export type IngestHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The SQS ingest handler over its dependencies (tests and the local poller build it this way):
 * decides each record; a refused one is logged in the rejection log and, like a failed one, retried.
 */
export function createIngestHandler(dependencies: IngestHandlerDependencies): IngestHandler {
  const observed = dependencies.observability ?? { logger, metrics };
  const decide = async ({ messageId, body, messageAttributes }: SQSRecord): Promise<void> => {
    try {
      const hops = hopsOf(messageAttributes ?? {});
      observeDecision(observed, messageId, await ingestSubmission(body, dependencies, { hops }));
    } catch (error) {
      if (!(error instanceof RejectedSubmissionError)) {
        observeFailure(observed, messageId, error);
        throw error;
      }
      observeRejection(observed, messageId, error);
      await dependencies.rejections.record(toRejection(messageId, error, dependencies.clock.now()));
      throw error;
    }
  };
  return (event, context) =>
    processPartialResponse(event, decide, new BatchProcessor(EventType.SQS), {
      ...(context === undefined ? {} : { context }),
      throwOnFullBatchFailure: false,
    });
}

let ingest: IngestHandler | undefined;

/** The Lambda entry point; its dependencies are built from the environment on the first invocation. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler((event, context) => {
    ingest ??= createIngestHandler(createIngestDependencies());
    return ingest(event, context);
  });
