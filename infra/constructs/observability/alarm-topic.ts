import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

export interface AlarmTopicProps {
  stage: string;
  encryptionKey: IKey;
  /** Subscribed by e-mail when given; the address confirms the subscription once. */
  email?: string;
}

/** The SNS topic every Patrol alarm notifies: encrypted with the stage's key, TLS-only publishers. */
export class AlarmTopic extends Topic {
  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id, {
      displayName: `Patrol ${props.stage} alarms`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // CloudWatch publishes alarm notifications itself, so the key must let it encrypt messages.
    props.encryptionKey.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    if (props.email !== undefined) this.addSubscription(new EmailSubscription(props.email));
  }
}
