import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { VerdictEventBus } from '#adapters/eventbridge/event-bus-definitions';
import { PatrolFunction } from '../shared/patrol-function.ts';

/** Verdict event items are the only ones whose sort key starts so; the STATUS projection is not an event. */
const VERDICT_EVENT_SORT_KEY_PREFIX = 'V#';
/** Platforms expect a verdict within seconds; a stream reader this far behind is stuck, not busy. */
const MAX_ITERATOR_AGE = Duration.minutes(1);

export interface VerdictEventPublisherProps {
  stage: string;
  verdictsTable: ITable;
  bus: IEventBus;
  /** Where stream batches that still fail after every retry are recorded. */
  failedDeliveries: IQueue;
  alarmTopic: ITopic;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

/**
 * The Lambda that reads new verdict events from the verdicts table's stream and puts them on the
 * verdict event bus, bisecting failing batches and recording what still fails on a queue.
 */
export class VerdictEventPublisher extends Construct {
  readonly handler: PatrolFunction;
  readonly streamFallingBehind: Alarm;

  constructor(scope: Construct, id: string, props: VerdictEventPublisherProps) {
    super(scope, id);
    this.handler = new PatrolFunction(this, 'Handler', {
      handler: 'dynamodb-publish-verdict-events',
      description: 'Patrol verdict events: publishes new verdicts from the table stream to EventBridge',
      serviceName: 'patrol-verdict-events',
      stage: props.stage,
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { [VerdictEventBus.envVar]: props.bus.eventBusName },
    });
    props.bus.grantPutEventsTo(this.handler.role);
    Validations.of(this.handler.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Besides X-Ray, dynamodb:ListStreams, which the stream event source calls, supports no resource-level ' +
        'permissions. Reading records is limited to the verdicts table stream.',
    });
    const sortKey = VerdictsTable.sortKey ?? 'sk';
    this.handler.function.addEventSource(
      new DynamoEventSource(props.verdictsTable, {
        // From the oldest record, so verdicts decided before the first deployment of this function are sent too.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(props.failedDeliveries),
        // Verdict events are append-only: only their insertion is news for a platform.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: {
              NewImage: { [sortKey]: { S: FilterRule.beginsWith(VERDICT_EVENT_SORT_KEY_PREFIX) } },
            },
          }),
        ],
      }),
    );
    this.streamFallingBehind = new Alarm(this, 'StreamFallingBehind', {
      alarmDescription: `Verdict events reach platforms late: the stream reader is over ${MAX_ITERATOR_AGE.toHumanString()} behind.`,
      metric: this.handler.function.metric('IteratorAge', {
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: MAX_ITERATOR_AGE.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.streamFallingBehind.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
