import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import {
  localTableName,
  OffendersTable,
  RejectionsTable,
  VerdictsTable,
} from '#adapters/dynamodb/table-definitions';
import { MemoryTenantSecrets } from '#adapters/memory/memory-tenant-secrets';
import { createIngestHandler, type IngestHandlerDependencies } from '#handlers/sqs-ingest-submission';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import type { VerdictStore } from '#ports/verdict-store';
import { ManualClock } from '#test/helpers/manual-clock';
import { aRuleSetSource } from '#test/helpers/rule-sets';
import { anSqsEvent } from '#test/helpers/sqs-events';
import { aSubmission, aSubmissionBody } from '#test/helpers/submissions';

// The Lambda entry point's shared logger and metrics are built on import, so quiet them first.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const NOW = '2026-11-20T00:05:00.000Z';
const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:patrol/signal-keys-AbCdEf';
let dynamodb: DynamoDbLocal;

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
});

afterAll(async () => {
  await dynamodb.stop();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function setup(overrides: Partial<IngestHandlerDependencies> = {}, logLevel: 'SILENT' | 'INFO' = 'SILENT') {
  const clock = new ManualClock(NOW);
  const metrics = new Metrics({ namespace: 'PatrolTest', serviceName: 'ingest-test' });
  const dependencies = {
    ruleSets: aRuleSetSource(),
    secrets: new MemoryTenantSecrets({ 'acme-market': new Uint8Array(32).fill(5) }),
    verdicts: new DynamoDbVerdictStore(dynamodb.documentClient, localTableName(VerdictsTable)),
    rejections: new DynamoDbRejectionLog(dynamodb.documentClient, localTableName(RejectionsTable), clock),
    clock,
    observability: { logger: new Logger({ serviceName: 'ingest-test', logLevel }), metrics },
    ...overrides,
  };
  return { ...dependencies, metrics, handle: createIngestHandler(dependencies) };
}

function countedMetrics(metrics: Metrics): Record<string, number> {
  const emf = metrics.serializeMetrics() as unknown as Record<string, unknown>;
  const definitions =
    (emf._aws as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] }).CloudWatchMetrics[0]?.Metrics ??
    [];
  const total = (value: unknown) => [value].flat().reduce((sum: number, count) => sum + Number(count), 0);
  return Object.fromEntries(definitions.map(({ Name }) => [Name, total(emf[Name])]));
}

describe('createIngestHandler', () => {
  it('reports only the malformed records and decides the rest when a batch of 10 holds 2 bad messages', async () => {
    const { handle, verdicts, rejections } = setup();
    const valid = Array.from({ length: 8 }, (_, index) =>
      aSubmission(index % 2 === 0 ? 'listing' : 'message', index % 3 === 0 ? { locale: 'en-US' } : {}),
    );
    const notJson = '{"schemaVersion":1,"tenant":"acme-market",';
    const wrongVersion = JSON.stringify({ ...aSubmission('listing'), schemaVersion: 2 });
    const bodies = valid.map(aSubmissionBody);
    bodies.splice(3, 0, notJson);
    bodies.splice(7, 0, wrongVersion);
    const event = anSqsEvent(bodies);
    const badJson = event.Records[3]?.messageId ?? '';
    const badVersion = event.Records[7]?.messageId ?? '';

    const response = await handle(event);

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [badJson, badVersion].sort(),
    );
    expect(await rejections.get(badJson)).toMatchObject({
      reason: 'message body is not valid JSON',
      rejectedAt: NOW,
    });
    expect(await rejections.get(badVersion)).toMatchObject({
      reason: 'schemaVersion 2 is not supported; supported: 1',
      issues: [{ path: 'schemaVersion' }],
      tenant: 'acme-market',
    });
    const stored = await Promise.all(
      valid.map((submission) => verdicts.get(submission.tenant, submission.contentId)),
    );
    expect(stored.map((history) => history?.latest.version)).toEqual(valid.map(() => 1));
  });

  it('answers with every record rather than throwing when the whole batch is malformed', async () => {
    const { handle } = setup();
    const event = anSqsEvent(['not json', '[]', '{"schemaVersion":"1"}']);

    const response = await handle(event);

    expect(response.batchItemFailures).toHaveLength(3);
  });

  it('retries a record without a rejection when the verdict store is down', async () => {
    const failingStore: VerdictStore = {
      record: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
      get: () => Promise.resolve(undefined),
    };
    const { handle, rejections } = setup({ verdicts: failingStore });
    const event = anSqsEvent([aSubmissionBody(aSubmission('listing'))]);
    const messageId = event.Records[0]?.messageId ?? '';

    const response = await handle(event);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: messageId }]);
    expect(await rejections.get(messageId)).toBeUndefined();
  });

  it('decides nothing twice and reports no failure when a batch is delivered again', async () => {
    const { handle, verdicts, metrics } = setup();
    const submissions = [aSubmission('listing'), aSubmission('review', { locale: 'en' })];
    const bodies = submissions.map(aSubmissionBody);

    await handle(anSqsEvent(bodies));
    const again = await handle(anSqsEvent(bodies));

    expect(again.batchItemFailures).toEqual([]);
    for (const submission of submissions) {
      expect((await verdicts.get(submission.tenant, submission.contentId))?.history).toHaveLength(1);
    }
    expect(countedMetrics(metrics)).toMatchObject({ DecisionAllow: 2, Redelivered: 2 });
  });

  it('counts decisions by outcome and rejections when a mixed batch is decided', async () => {
    const { handle, metrics } = setup();
    const bodies = [
      aSubmissionBody(aSubmission('message', { body: 'LINE交換しませんか？' })),
      aSubmissionBody(aSubmission('listing', { price: { amount: 900, currency: 'JPY' } })),
      aSubmissionBody(aSubmission('comment')),
      '{}',
    ];

    await handle(anSqsEvent(bodies));

    expect(countedMetrics(metrics)).toEqual({
      DecisionBlock: 1,
      DecisionReview: 1,
      DecisionAllow: 1,
      Rejected: 1,
    });
  });

  it('logs the message id and tenant but never the text or raw signals', async () => {
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const { handle } = setup({}, 'INFO');
    const decided = aSubmission('message', { body: '詳しくはLINE交換でお願いします。' });
    const refused = { ...aSubmission('listing'), price: { amount: -1, currency: 'JPY' } };
    const event = anSqsEvent([aSubmissionBody(decided), JSON.stringify(refused)]);

    await handle(event);
    vi.restoreAllMocks();

    const logs = written.join('');
    for (const record of event.Records) expect(logs).toContain(record.messageId);
    expect(logs).toContain('"tenant":"acme-market"');
    for (const raw of [
      decided.body,
      refused.title,
      refused.body,
      ...Object.values(decided.author.signals ?? {}),
    ]) {
      expect(logs).not.toContain(raw);
    }
  });
});

describe('handler', () => {
  it('decides with the bundled policies and the tables named in its environment when Lambda invokes it', async () => {
    const secretsManager = mockClient(SecretsManagerClient);
    secretsManager
      .on(GetSecretValueCommand, { SecretId: SECRET_ARN })
      .resolves({ SecretString: JSON.stringify({ 'acme-market': Buffer.alloc(32, 8).toString('base64') }) });
    vi.stubEnv('AWS_REGION', 'ap-northeast-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamodb.endpoint);
    vi.stubEnv(VerdictsTable.envVar, localTableName(VerdictsTable));
    vi.stubEnv(RejectionsTable.envVar, localTableName(RejectionsTable));
    vi.stubEnv(OffendersTable.envVar, localTableName(OffendersTable));
    vi.stubEnv('SIGNAL_KEYS_SECRET_ARN', SECRET_ARN);
    vi.stubEnv('POLICIES_DIR', fileURLToPath(new URL('../../../policies', import.meta.url)));
    vi.stubEnv('CLASSIFIER_MODEL', fileURLToPath(new URL('../../../models/starter.model', import.meta.url)));
    const { handler } = await import('#handlers/sqs-ingest-submission');
    const scam = aSubmission('listing', {
      title: 'スーパーコピー 財布 N級品',
      body: '本物と見分けがつかない品質です。',
    });
    const clean = aSubmission('listing');
    const event = anSqsEvent([aSubmissionBody(scam), aSubmissionBody(clean), 'oops']);

    try {
      const response = await handler(event, aLambdaContext());

      expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[2]?.messageId }]);
      const verdicts = new DynamoDbVerdictStore(dynamodb.documentClient, localTableName(VerdictsTable));
      expect((await verdicts.get('acme-market', scam.contentId))?.latest.decision).toBe('block');
      expect((await verdicts.get('acme-market', clean.contentId))?.latest.decision).toBe('allow');
    } finally {
      secretsManager.restore();
      vi.unstubAllEnvs();
    }
  });
});

function aLambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'patrol-ingest',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:patrol-ingest',
    memoryLimitInMB: '1024',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/patrol-ingest',
    logStreamName: '2026/11/20/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
