import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { enforcementEventFromItem, isEnforcementEventItem } from '#adapters/dynamodb/dynamodb-offender-store';
import { isVerdictEventItem, verdictFromItem } from '#adapters/dynamodb/dynamodb-verdict-store';
import { toVerdictEvent } from '#core/decide/verdict-event';
import type { EventPublisher } from '#ports/event-publisher';
import * as observability from '#shared/observability';
import { createVerdictEventDependencies } from '#shared/verdict-event-dependencies';

export interface PublishVerdictEventsDependencies {
  publisher: EventPublisher;
  observability?: observability.Observability;
}

/**
 * The stream handler over its publisher: publishes the event of each newly stored verdict (verdicts
 * table) and enforcement change (offenders table), in stream order, answering `{ batchItemFailures }`
 * so a failed record is retried.
 */
export function createPublishVerdictEventsHandler(dependencies: PublishVerdictEventsDependencies) {
  const { logger, metrics } = dependencies.observability ?? observability;
  const publish = async (record: DynamoDBRecord): Promise<void> => {
    const image = record.dynamodb?.NewImage;
    // The event source filter passes only new verdict events; anything else is not news for a platform.
    if (image === undefined) return;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (isEnforcementEventItem(item)) {
      const enforcement = enforcementEventFromItem(item);
      await dependencies.publisher.publish([enforcement]);
      metrics.addMetric('EnforcementEventPublished', MetricUnit.Count, 1);
      logger.info('enforcement event published', {
        eventId: enforcement.eventId,
        action: enforcement.action,
      });
      return;
    }
    if (!isVerdictEventItem(item)) return;
    const event = toVerdictEvent(verdictFromItem(item));
    await dependencies.publisher.publish([event]);
    metrics.addMetric('VerdictEventPublished', MetricUnit.Count, 1);
    logger.info('verdict event published', { eventId: event.eventId, decision: event.verdict.decision });
  };
  return (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> =>
    processPartialResponse(event, publish, new BatchProcessor(EventType.DynamoDBStreams), {
      ...(context === undefined ? {} : { context }),
      // In stream order, so a platform receives a content item's verdicts in the order they were decided.
      processInParallel: false,
    });
}

let publishVerdictEvents: ReturnType<typeof createPublishVerdictEventsHandler> | undefined;

/** The Lambda entry point; its publisher is built from the environment on the first invocation. */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(observability.logger, { resetKeys: true }))
  .use(logMetrics(observability.metrics, { captureColdStartMetric: true }))
  .handler((event, context) => {
    publishVerdictEvents ??= createPublishVerdictEventsHandler(createVerdictEventDependencies());
    return publishVerdictEvents(event, context);
  });
