import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { QueueDefinition } from '#adapters/sqs/queue-definitions';
import { SecureQueue } from './secure-queue.ts';

/**
 * SQS keeps a message's original enqueue time when it moves to the DLQ, so the source queue keeps
 * messages for less time than the DLQ does: a message dead-lettered late still has days to be replayed.
 */
const SOURCE_QUEUE_RETENTION = Duration.days(4);

export interface DefinedQueueProps {
  definition: QueueDefinition;
  stage: string;
  removalPolicy: RemovalPolicy;
  /** Encrypts both queues with this key; SQS-managed encryption without one. */
  encryptionKey?: IKey;
}

/** A queue and its DLQ as a {@link QueueDefinition} describes them, named `patrol-<stage>-<id>[-dlq]`. */
export class DefinedQueue extends Construct {
  readonly definition: QueueDefinition;
  readonly queue: SecureQueue;
  readonly deadLetterQueue: SecureQueue;

  constructor(scope: Construct, id: string, props: DefinedQueueProps) {
    super(scope, id);
    const { definition, stage, removalPolicy, encryptionKey } = props;
    this.definition = definition;
    this.deadLetterQueue = new SecureQueue(this, 'DeadLetterQueue', {
      queueName: `patrol-${stage}-${definition.id}-dlq`,
      retentionPeriod: Duration.days(definition.dlqRetentionDays),
      removalPolicy,
      encryptionKey,
    });
    this.queue = new SecureQueue(this, 'Queue', {
      queueName: `patrol-${stage}-${definition.id}`,
      retentionPeriod: SOURCE_QUEUE_RETENTION,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      removalPolicy,
      encryptionKey,
    });
  }
}
