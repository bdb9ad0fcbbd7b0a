import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { VerdictEventBus as VerdictEventBusDefinition } from '#adapters/eventbridge/event-bus-definitions';
import { SecureQueue } from '../shared/secure-queue.ts';

/** Long enough to replay a platform's missed verdicts after any outage on its side. */
const ARCHIVE_RETENTION = Duration.days(365);

export interface VerdictEventBusProps {
  stage: string;
  removalPolicy: RemovalPolicy;
}

/**
 * The bus platforms receive verdict events from, an archive of every event Patrol put on it for
 * replays, and the queue where the publisher records stream batches it could not deliver.
 */
export class VerdictEventBus extends Construct {
  readonly bus: EventBus;
  readonly failedDeliveries: SecureQueue;

  constructor(scope: Construct, id: string, props: VerdictEventBusProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: `patrol-${props.stage}-${VerdictEventBusDefinition.id}`,
      description: `Patrol ${props.stage}: verdict events for platforms`,
    });
    this.bus.archive('Archive', {
      description: `Every verdict event Patrol ${props.stage} published, for replays`,
      eventPattern: { source: [VerdictEventBusDefinition.source] },
      retention: ARCHIVE_RETENTION,
    });
    this.failedDeliveries = new SecureQueue(this, 'FailedDeliveries', {
      queueName: `patrol-${props.stage}-${VerdictEventBusDefinition.id}-failed`,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.failedDeliveries).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead end: the on-failure destination of the verdict stream, alarmed when ' +
        'not empty. A DLQ behind it would only hide failures one step further away.',
    });
  }
}
