import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { OffendersTable } from '#adapters/dynamodb/table-definitions';
import type { PatrolFunction } from '../shared/patrol-function.ts';

/** Only a user's enforcement events are news for a platform: `U#...` items whose sort key starts `E#`. */
const ENFORCEMENT_EVENT_SORT_KEY_PREFIX = 'E#';

/**
 * Feeds the offenders table's stream to the event publisher, so enforcement events reach platforms
 * through the same function and bus as verdict events, with the same retries and failure queue.
 */
export function publishEnforcementEvents(
  publisher: PatrolFunction,
  offendersTable: ITable,
  failedDeliveries: IQueue,
): void {
  const sortKey = OffendersTable.sortKey ?? 'sk';
  publisher.function.addEventSource(
    new DynamoEventSource(offendersTable, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      bisectBatchOnError: true,
      retryAttempts: 10,
      maxRecordAge: Duration.days(1),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failedDeliveries),
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: {
            NewImage: { [sortKey]: { S: FilterRule.beginsWith(ENFORCEMENT_EVENT_SORT_KEY_PREFIX) } },
          },
        }),
      ],
    }),
  );
}
