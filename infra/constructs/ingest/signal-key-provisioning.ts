import { CustomResource, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SignalKeyProvisioning as SignalKeyProvisioningProperties } from '#schemas/signal-key-provisioning';
import { PatrolFunction } from '../shared/patrol-function.ts';
import { SIGNAL_KEYS_SECRET_ENV_VAR } from './ingest-function.ts';

export interface SignalKeyProvisioningProps {
  stage: string;
  tenants: readonly string[];
  signalKeys: ISecret;
  /** The key the secret is encrypted with. */
  signalKeysKey: IKey;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

/**
 * A custom resource that gives every tenant of the stage a signal key in the secret on each deployment
 * where the tenant list changes. Existing keys are never changed or removed, so keys live in the secret
 * alone and never in a template.
 */
export class SignalKeyProvisioning extends Construct {
  readonly handler: PatrolFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: SignalKeyProvisioningProps) {
    super(scope, id);
    this.handler = new PatrolFunction(this, 'Handler', {
      handler: 'cloudformation-provision-signal-keys',
      description: 'Patrol signal keys: creates a key for each tenant of the stage',
      serviceName: 'patrol-signal-keys',
      stage: props.stage,
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { [SIGNAL_KEYS_SECRET_ENV_VAR]: props.signalKeys.secretArn },
    });
    const { role } = this.handler;
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
        resources: [props.signalKeys.secretArn],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.signalKeysKey.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
    const properties: SignalKeyProvisioningProperties = { Tenants: [...props.tenants] };
    this.resource = new CustomResource(this, 'Keys', {
      serviceToken: this.handler.function.functionArn,
      resourceType: 'Custom::PatrolSignalKeys',
      properties,
    });
    // The function must hold its grants before CloudFormation first invokes it.
    this.resource.node.addDependency(role);
  }
}
