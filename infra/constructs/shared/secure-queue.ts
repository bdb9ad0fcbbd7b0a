import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type DeadLetterQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface SecureQueueProps {
  queueName: string;
  retentionPeriod: Duration;
  removalPolicy: RemovalPolicy;
  visibilityTimeout?: Duration;
  deadLetterQueue?: DeadLetterQueue;
  /** Encrypts with this key; without one the queue uses SQS-managed encryption. */
  encryptionKey?: IKey;
}

/** An SQS queue that is always encrypted at rest and refuses requests not made over TLS. */
export class SecureQueue extends Queue {
  constructor(scope: Construct, id: string, props: SecureQueueProps) {
    const { encryptionKey, ...queueProps } = props;
    super(scope, id, {
      ...queueProps,
      enforceSSL: true,
      ...(encryptionKey === undefined
        ? { encryption: QueueEncryption.SQS_MANAGED }
        : { encryption: QueueEncryption.KMS, encryptionMasterKey: encryptionKey }),
    });
  }
}
