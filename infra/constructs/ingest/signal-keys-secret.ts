import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

export interface SignalKeysSecretProps {
  stage: string;
  encryptionKey: IKey;
  removalPolicy: RemovalPolicy;
}

/**
 * The per-tenant HMAC keys for identity signals, `{ "<tenant>": "<base64 key>" }`, under the stage's key.
 * It starts empty; the SignalKeyProvisioning custom resource adds a key for each tenant of the stage.
 */
export class SignalKeysSecret extends Secret {
  constructor(scope: Construct, id: string, props: SignalKeysSecretProps) {
    super(scope, id, {
      description: `Patrol ${props.stage}: per-tenant HMAC keys for hashing identity signals`,
      encryptionKey: props.encryptionKey,
      // CloudFormation writes this value only when it differs from the last deployed template, so
      // keeping it constant means a deployment never overwrites the keys added since.
      secretObjectValue: {},
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Signal hashes must stay comparable over time to link a banned account to its new ones, and platforms ' +
        'that hash before sending hold the same key; rotating it on a schedule would silently break both.',
    });
  }
}
