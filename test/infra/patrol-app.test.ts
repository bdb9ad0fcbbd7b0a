import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectionsTable, TableDefinitions, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { VerdictEventBus } from '#adapters/eventbridge/event-bus-definitions';
import { IngestQueue } from '#adapters/sqs/queue-definitions';
import { SIGNAL_KEYS_SECRET_ARN } from '#shared/ingest-dependencies';
import { METRICS_NAMESPACE } from '#shared/observability';
import { DEV_STAGE, type StageConfig } from '../../infra/config.ts';
import type { PatrolFunction } from '../../infra/constructs/shared/patrol-function.ts';
import { type SynthesisedPatrol, synthPatrol } from '../helpers/patrol-app.ts';

type CfnResource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

const PROD: StageConfig = {
  ...DEV_STAGE,
  stage: 'prod',
  alarmEmail: 'oncall@example.com',
  logRetentionDays: 365,
  ingestQueueEncryption: 'kms',
};

let dev: SynthesisedPatrol;
let prod: SynthesisedPatrol;

beforeAll(() => {
  dev = synthPatrol(DEV_STAGE);
  prod = synthPatrol(PROD, { bundle: false });
});

afterAll(() => {
  for (const synthesised of [dev, prod]) rmSync(synthesised.outdir, { recursive: true, force: true });
});

function logicalId(construct: IConstruct): string {
  const element = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(element as CfnElement);
}

function onlyResource(
  template: SynthesisedPatrol['statefulTemplate'],
  type: string,
  props = {},
): CfnResource {
  const found = Object.values(template.findResources(type, { Properties: props })) as CfnResource[];
  expect(found).toHaveLength(1);
  return found[0] as CfnResource;
}

/**
 * Each statement of a role's policy as `<actions> on <what>`, naming the resource by the construct it
 * refers to (a table, the secret, the key...), so a test states the whole grant in a readable list.
 */
function grantsOf(patrol: SynthesisedPatrol, handler: PatrolFunction): string[] {
  const { resources } = patrol.stateful;
  const named: [string, IConstruct][] = [
    ['own log group', handler.logGroup],
    ['verdicts table stream', resources.verdictsTable],
    ['verdicts table', resources.verdictsTable],
    ['rejections table', resources.rejectionsTable],
    ['offenders table stream', resources.offendersTable],
    ['offenders table', resources.offendersTable],
    ['signal-keys secret', resources.signalKeys],
    ['stage key', resources.key],
    ['ingest queue', resources.ingestQueue.queue],
    ['ingest DLQ', resources.ingestQueue.deadLetterQueue],
    ['review queue', resources.reviewQueue.queue],
    ['verdict event bus', resources.verdictEvents.bus],
    ['failed-deliveries queue', resources.verdictEvents.failedDeliveries],
  ];
  const roleId = logicalId(handler.role);
  const policies = Object.values(patrol.statelessTemplate.findResources('AWS::IAM::Policy')) as CfnResource[];
  const statements = policies
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  return statements
    .map((statement) => {
      const actions = [statement.Action].flat().sort().join(',');
      const resource = JSON.stringify(statement.Resource);
      const target =
        statement.Resource === '*'
          ? '*'
          : (named.find(
              ([label, construct]) =>
                resource.includes(logicalId(construct)) &&
                resource.includes('StreamArn') === label.endsWith('stream'),
            )?.[0] ?? `unknown ${resource}`);
      return `${actions} on ${target}${statement.Condition === undefined ? '' : ' (conditional)'}`;
    })
    .sort();
}

describe('addPatrolStacks', () => {
  describe('ingest queue', () => {
    it('redrives to its DLQ after the definition maxReceiveCount, at least 5 receives', () => {
      const dlqId = logicalId(dev.stateful.resources.ingestQueue.deadLetterQueue);
      const queue = onlyResource(dev.statefulTemplate, 'AWS::SQS::Queue', { QueueName: 'patrol-dev-ingest' });
      expect(queue.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: IngestQueue.maxReceiveCount,
      });
      expect(IngestQueue.maxReceiveCount).toBeGreaterThanOrEqual(5);
    });

    it('keeps dead letters longer than the queue keeps messages, so a late dead letter can still be replayed', () => {
      const queue = onlyResource(dev.statefulTemplate, 'AWS::SQS::Queue', { QueueName: 'patrol-dev-ingest' });
      const dlq = onlyResource(dev.statefulTemplate, 'AWS::SQS::Queue', {
        QueueName: 'patrol-dev-ingest-dlq',
      });
      expect(dlq.Properties.MessageRetentionPeriod).toBe(IngestQueue.dlqRetentionDays * 86_400);
      expect(dlq.Properties.MessageRetentionPeriod as number).toBeGreaterThan(
        queue.Properties.MessageRetentionPeriod as number,
      );
    });

    it('hides a message for at least six times the ingest function timeout', () => {
      const queue = onlyResource(dev.statefulTemplate, 'AWS::SQS::Queue', { QueueName: 'patrol-dev-ingest' });
      const ingest = onlyResource(dev.statelessTemplate, 'AWS::Lambda::Function', {
        Handler: 'index.handler',
        MemorySize: 1024,
      });
      expect(ingest.Properties.Timeout).toBe(IngestQueue.consumerTimeoutSeconds);
      expect(queue.Properties.VisibilityTimeout as number).toBeGreaterThanOrEqual(
        6 * (ingest.Properties.Timeout as number),
      );
    });

    it('encrypts every queue and refuses requests not made over TLS', () => {
      const queues = dev.statefulTemplate.findResources('AWS::SQS::Queue');
      // The ingest and review queues with their DLQs, and the failed verdict deliveries.
      expect(Object.keys(queues)).toHaveLength(5);
      for (const queue of Object.values(queues) as CfnResource[]) {
        expect(queue.Properties.SqsManagedSseEnabled ?? queue.Properties.KmsMasterKeyId).toBeTruthy();
      }
      for (const queueId of Object.keys(queues)) {
        dev.statefulTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it('encrypts the ingest queue and its DLQ with the stage key when the stage asks for kms', () => {
      const keyId = logicalId(prod.stateful.resources.key);
      for (const queueName of ['patrol-prod-ingest', 'patrol-prod-ingest-dlq']) {
        const queue = onlyResource(prod.statefulTemplate, 'AWS::SQS::Queue', { QueueName: queueName });
        expect(queue.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      }
      expect(grantsOf(prod, prod.stateless.ingest.handler)).toContain('kms:Decrypt on stage key');
    });
  });

  describe('tables', () => {
    it('creates each definition on demand with point-in-time recovery and encryption', () => {
      const tables = Object.values(
        dev.statefulTemplate.findResources('AWS::DynamoDB::Table'),
      ) as CfnResource[];
      expect(tables).toHaveLength(TableDefinitions.length);
      for (const table of tables) {
        expect(table.Properties).toMatchObject({
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
        });
      }
    });

    it('streams new images of the verdicts table and expires rejections by their TTL attribute', () => {
      const verdicts = dev.statefulTemplate.toJSON().Resources[
        logicalId(dev.stateful.resources.verdictsTable)
      ] as CfnResource;
      expect(verdicts.Properties).toMatchObject({
        KeySchema: [
          { AttributeName: VerdictsTable.partitionKey, KeyType: 'HASH' },
          { AttributeName: VerdictsTable.sortKey, KeyType: 'RANGE' },
        ],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
      const rejections = dev.statefulTemplate.toJSON().Resources[
        logicalId(dev.stateful.resources.rejectionsTable)
      ] as CfnResource;
      expect(rejections.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: RejectionsTable.timeToLiveAttribute,
        Enabled: true,
      });
      expect(rejections.Properties.StreamSpecification).toBeUndefined();
    });

    it('retains data and protects tables from deletion outside dev stages', () => {
      for (const table of Object.values(
        prod.statefulTemplate.findResources('AWS::DynamoDB::Table'),
      ) as CfnResource[]) {
        expect(table.DeletionPolicy).toBe('Retain');
        expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      }
      prod.statefulTemplate.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
      prod.statefulTemplate.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
      expect(prod.stateful.terminationProtection).toBe(true);
    });

    it('lets a dev stage be torn down with its data', () => {
      for (const table of Object.values(
        dev.statefulTemplate.findResources('AWS::DynamoDB::Table'),
      ) as CfnResource[]) {
        expect(table.DeletionPolicy).toBe('Delete');
        expect(table.Properties.DeletionProtectionEnabled).toBe(false);
      }
      expect(dev.stateful.terminationProtection).toBe(false);
    });
  });

  describe('ingest function', () => {
    it('runs on Node.js 22 or newer on arm64 with active tracing', () => {
      const ingest = dev.statelessTemplate.findResources('AWS::Lambda::Function', {
        Properties: { MemorySize: 1024 },
      });
      const [properties] = Object.values(ingest).map((resource) => (resource as CfnResource).Properties);
      expect(Number(String(properties?.Runtime).match(/^nodejs(\d+)\.x$/)?.[1])).toBeGreaterThanOrEqual(22);
      expect(properties).toMatchObject({ Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    });

    it('learns its tables and secret through the variables the composition root reads', () => {
      const { resources } = dev.stateful;
      const ingest = onlyResource(dev.statelessTemplate, 'AWS::Lambda::Function', { MemorySize: 1024 });
      const variables = (ingest.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(variables[VerdictsTable.envVar])).toContain(logicalId(resources.verdictsTable));
      expect(JSON.stringify(variables[RejectionsTable.envVar])).toContain(
        logicalId(resources.rejectionsTable),
      );
      expect(JSON.stringify(variables[SIGNAL_KEYS_SECRET_ARN])).toContain(logicalId(resources.signalKeys));
      expect(variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'patrol-ingest',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      });
    });

    it('reads the ingest queue in batches with partial batch responses and a concurrency cap', () => {
      const queueId = logicalId(dev.stateful.resources.ingestQueue.queue);
      const mappings = Object.values(
        dev.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping', {
          Properties: {
            FunctionResponseTypes: ['ReportBatchItemFailures'],
            BatchSize: IngestQueue.batchSize,
            MaximumBatchingWindowInSeconds: IngestQueue.maxBatchingWindowSeconds,
          },
        }),
      ) as CfnResource[];
      const mapping = mappings.find((candidate) =>
        JSON.stringify(candidate.Properties.EventSourceArn).includes(queueId),
      ) as CfnResource;
      expect(JSON.stringify(mapping.Properties.EventSourceArn)).toContain(queueId);
      expect(
        (mapping.Properties.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency,
      ).toBeGreaterThan(1);
    });

    it('is allowed exactly its tables, the secret through its key, its queue and its logs', () => {
      expect(grantsOf(dev, dev.stateless.ingest.handler)).toEqual(
        [
          'dynamodb:GetItem,dynamodb:PutItem,dynamodb:Query on verdicts table',
          'dynamodb:GetItem,dynamodb:PutItem on rejections table',
          'dynamodb:BatchWriteItem,dynamodb:GetItem,dynamodb:PutItem,dynamodb:Query,dynamodb:UpdateItem on offenders table',
          'secretsmanager:GetSecretValue on signal-keys secret',
          'kms:Decrypt on stage key (conditional)',
          'sqs:ChangeMessageVisibility,sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:ReceiveMessage on ingest queue',
          'sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage on review queue',
          'logs:CreateLogStream,logs:PutLogEvents on own log group',
          'xray:PutTelemetryRecords,xray:PutTraceSegments on *',
        ].sort(),
      );
    });

    it('bundles minified ES modules with source maps, the AWS SDK left out and the rule packs and starter model beside them', () => {
      const ingest = onlyResource(dev.statelessTemplate, 'AWS::Lambda::Function', { MemorySize: 1024 });
      const s3Key = (ingest.Properties.Code as { S3Key: string }).S3Key;
      const bundle = join(dev.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`);
      const code = readFileSync(join(bundle, 'index.mjs'), 'utf8');
      expect(existsSync(join(bundle, 'index.mjs.map'))).toBe(true);
      // Minified output is a few very long lines; only multi-line string literals break it.
      expect(code.length / code.split('\n').length).toBeGreaterThan(1_000);
      expect(code).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
      const shipped = readdirSync(join(bundle, 'policies')).sort();
      const packs = readdirSync(new URL('../../policies', import.meta.url)).sort();
      expect(shipped).toEqual(packs);
      expect(shipped.length).toBeGreaterThan(0);
      expect(readFileSync(join(bundle, 'models', 'starter.model'))).toEqual(
        readFileSync(new URL('../../models/starter.model', import.meta.url)),
      );
    });
  });

  describe('verdict event publisher', () => {
    it('reads only inserted verdict events from the verdicts stream, bisecting failures onto a queue', () => {
      const { resources } = dev.stateful;
      const mappings = Object.values(
        dev.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping', {
          Properties: { StartingPosition: 'TRIM_HORIZON' },
        }),
      ) as CfnResource[];
      const fromVerdicts = mappings.filter((candidate) =>
        JSON.stringify(candidate.Properties.EventSourceArn).includes(
          `${logicalId(resources.verdictsTable)}StreamArn`,
        ),
      );
      expect(fromVerdicts).toHaveLength(1);
      const mapping = fromVerdicts[0] as CfnResource;
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
      });
      expect(JSON.stringify(mapping.Properties.EventSourceArn)).toMatch(
        new RegExp(`${logicalId(resources.verdictsTable)}StreamArn`),
      );
      expect(JSON.stringify(mapping.Properties.DestinationConfig)).toContain(
        logicalId(resources.verdictEvents.failedDeliveries),
      );
      const [filter] = (mapping.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
      expect(JSON.parse(filter?.Pattern ?? '{}')).toEqual({
        eventName: ['INSERT'],
        dynamodb: { NewImage: { [VerdictsTable.sortKey ?? 'sk']: { S: [{ prefix: 'V#' }] } } },
      });
    });

    it('may put events on the verdict event bus and nowhere else', () => {
      expect(grantsOf(dev, dev.stateless.verdictEventPublisher.handler)).toEqual(
        [
          'events:PutEvents on verdict event bus',
          'dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator on verdicts table stream',
          'dynamodb:ListStreams,xray:PutTelemetryRecords,xray:PutTraceSegments on *',
          'sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage on failed-deliveries queue',
          'logs:CreateLogStream,logs:PutLogEvents on own log group',
        ].sort(),
      );
    });

    it('names its bus through the variable the publisher reads', () => {
      const publisher = onlyResource(dev.statelessTemplate, 'AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('verdict events'),
      });
      const variables = (publisher.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(JSON.stringify(variables[VerdictEventBus.envVar])).toContain(
        logicalId(dev.stateful.resources.verdictEvents.bus),
      );
    });

    it('archives every event Patrol puts on the bus', () => {
      const busId = logicalId(dev.stateful.resources.verdictEvents.bus);
      dev.statefulTemplate.hasResourceProperties('AWS::Events::EventBus', {
        Name: 'patrol-dev-verdict-events',
      });
      dev.statefulTemplate.hasResourceProperties('AWS::Events::Archive', {
        SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
        EventPattern: { source: [VerdictEventBus.source] },
        RetentionDays: Match.anyValue(),
      });
    });
  });

  describe('alarms', () => {
    it('tells the alarm topic when a DLQ is not empty or the oldest submission waits too long', () => {
      const topicId = logicalId(dev.stateful.resources.alarmTopic);
      const alarms = Object.values(
        dev.statefulTemplate.findResources('AWS::CloudWatch::Alarm'),
      ) as CfnResource[];
      const watched = alarms.map((alarm) => [
        alarm.Properties.MetricName,
        JSON.stringify(alarm.Properties.Dimensions),
      ]);
      const { ingestQueue, verdictEvents } = dev.stateful.resources;
      expect(watched).toEqual(
        expect.arrayContaining([
          [
            'ApproximateNumberOfMessagesVisible',
            expect.stringContaining(logicalId(ingestQueue.deadLetterQueue)),
          ],
          ['ApproximateAgeOfOldestMessage', expect.stringContaining(logicalId(ingestQueue.queue))],
          [
            'ApproximateNumberOfMessagesVisible',
            expect.stringContaining(logicalId(verdictEvents.failedDeliveries)),
          ],
        ]),
      );
      for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    });

    it('tells the alarm topic when verdict events fall behind the stream', () => {
      const alarm = onlyResource(dev.statelessTemplate, 'AWS::CloudWatch::Alarm', {
        MetricName: 'IteratorAge',
      });
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain(
        logicalId(dev.stateful.resources.alarmTopic),
      );
    });

    it('encrypts the alarm topic with a key CloudWatch may use, and e-mails the stage address', () => {
      const keyId = logicalId(prod.stateful.resources.key);
      prod.statefulTemplate.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      prod.statefulTemplate.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'oncall@example.com',
      });
      prod.statefulTemplate.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            }),
          ]),
        },
      });
    });
  });

  describe('signal keys', () => {
    it('gives every tenant of the stage a key through the provisioning custom resource', () => {
      const provisioner = logicalId(dev.stateless.signalKeyProvisioning.handler.function);
      const keys = onlyResource(dev.statelessTemplate, 'Custom::PatrolSignalKeys');
      expect(keys.Properties).toEqual({
        ServiceToken: { 'Fn::GetAtt': [provisioner, 'Arn'] },
        Tenants: DEV_STAGE.tenants,
      });
      const variables = (
        onlyResource(dev.statelessTemplate, 'AWS::Lambda::Function', {
          Description: Match.stringLikeRegexp('signal keys'),
        }).Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(JSON.stringify(variables[SIGNAL_KEYS_SECRET_ARN])).toContain(
        logicalId(dev.stateful.resources.signalKeys),
      );
    });

    it('starts reading submissions only after the keys are provisioned', () => {
      const keysId = logicalId(dev.stateless.signalKeyProvisioning.resource);
      const ingest =
        dev.statelessTemplate.toJSON().Resources[logicalId(dev.stateless.ingest.handler.function)];
      const mapping = Object.values(
        dev.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping', {
          Properties: { MaximumBatchingWindowInSeconds: IngestQueue.maxBatchingWindowSeconds },
        }),
      )[0] as { DependsOn?: string[] };
      expect(ingest.DependsOn).toContain(keysId);
      expect(mapping.DependsOn).toContain(keysId);
    });

    it('lets the provisioner read and write the secret through its key and do nothing else', () => {
      expect(grantsOf(dev, dev.stateless.signalKeyProvisioning.handler)).toEqual(
        [
          'secretsmanager:GetSecretValue,secretsmanager:PutSecretValue on signal-keys secret',
          'kms:Decrypt,kms:GenerateDataKey on stage key (conditional)',
          'logs:CreateLogStream,logs:PutLogEvents on own log group',
          'xray:PutTelemetryRecords,xray:PutTraceSegments on *',
        ].sort(),
      );
    });

    it('encrypts the secret with the stage key and creates it without any key in the template', () => {
      const keyId = logicalId(dev.stateful.resources.key);
      dev.statefulTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
        KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        SecretString: '{}',
      });
    });
  });
});
