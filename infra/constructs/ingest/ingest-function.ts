import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { RejectionsTable, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { InfraError } from '../../errors.ts';
import type { DefinedQueue } from '../shared/defined-queue.ts';
import { PatrolFunction } from '../shared/patrol-function.ts';

/** The environment variable through which the ingest function learns the signal-keys secret. */
export const SIGNAL_KEYS_SECRET_ENV_VAR = 'SIGNAL_KEYS_SECRET_ARN';

/** What the verdict store does: conditional puts, a consistent get of the status, a query of the history. */
const VERDICTS_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query'];
/** What the rejection log does: put a reason, read it back by message id. */
const REJECTIONS_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem'];
/** Caps the functions the queue may keep busy, so a burst cannot starve the account's other Lambdas. */
const DEFAULT_MAX_CONCURRENCY = 20;
/** AWS advises a visibility timeout of at least six times an SQS consumer's timeout. */
const VISIBILITY_TO_TIMEOUT_RATIO = 6;

export interface IngestFunctionProps {
  stage: string;
  queue: DefinedQueue;
  verdictsTable: ITable;
  rejectionsTable: ITable;
  signalKeys: ISecret;
  /** The key the secret is encrypted with. */
  signalKeysKey: IKey;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  maxConcurrency?: number;
}

/**
 * The ingest Lambda (functions/handlers/sqs-ingest-submission.ts, with the rule packs beside it) fed by
 * the ingest queue with partial batch responses, allowed exactly what the use case does.
 */
export class IngestFunction extends Construct {
  readonly handler: PatrolFunction;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);
    const { definition } = props.queue;
    if (
      definition.visibilityTimeoutSeconds <
      VISIBILITY_TO_TIMEOUT_RATIO * definition.consumerTimeoutSeconds
    ) {
      throw new InfraError(
        `queue ${definition.id}: visibilityTimeoutSeconds (${definition.visibilityTimeoutSeconds}) must be at least ` +
          `${VISIBILITY_TO_TIMEOUT_RATIO} times consumerTimeoutSeconds (${definition.consumerTimeoutSeconds})`,
      );
    }
    this.handler = new PatrolFunction(this, 'Handler', {
      handler: 'sqs-ingest-submission',
      description: 'Patrol ingest: moderates each submission from the ingest queue',
      serviceName: 'patrol-ingest',
      stage: props.stage,
      timeout: Duration.seconds(definition.consumerTimeoutSeconds),
      // The rule automaton and normaliser are CPU-bound; Lambda gives CPU in proportion to memory.
      memorySize: 1024,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      withPolicies: true,
      withModel: true,
      environment: {
        [VerdictsTable.envVar]: props.verdictsTable.tableName,
        [RejectionsTable.envVar]: props.rejectionsTable.tableName,
        [SIGNAL_KEYS_SECRET_ENV_VAR]: props.signalKeys.secretArn,
      },
    });
    const { role } = this.handler;
    props.verdictsTable.grant(role, ...VERDICTS_ACTIONS);
    props.rejectionsTable.grant(role, ...REJECTIONS_ACTIONS);
    // Stated on the role, not with grantRead: that would also edit the key policy in the stateful stack,
    // making it depend on this one. The adapter reads the value and nothing else.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [props.signalKeys.secretArn],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [props.signalKeysKey.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
    this.handler.function.addEventSource(
      new SqsEventSource(props.queue.queue, {
        batchSize: definition.batchSize,
        maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      }),
    );
  }
}
