import { Logger } from '@aws-lambda-powertools/logger';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { localTableName, RejectionsTable, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import { IngestQueue } from '#adapters/sqs/queue-definitions';
import { SystemClock } from '#adapters/system/system-clock';
import type { DeadLetterSummary } from '#core/dead-letters/summarise-dead-letter';
import { TenantKeyNotFoundError } from '#core/identity/errors';
import { createIngestHandler } from '#handlers/sqs-ingest-submission';
import { CountingMetrics } from '#local/counting-metrics';
import { DEFAULT_POLICIES_DIR } from '#local/dev-runtime';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { LOCAL_REGION, type LocalQueue, type LocalSqs, startLocalSqs } from '#local/sqs-local';
import { type SqsPoller, startSqsPoller } from '#local/sqs-poller';
import type { TenantSecrets } from '#ports/tenant-secrets';
import { hasMotoServer, type MotoServer, startMotoServer } from '#test/helpers/moto-server';
import { runPatrol } from '#test/helpers/run-patrol';
import { aSubmission } from '#test/helpers/submissions';
import { waitFor } from '#test/helpers/wait-for';
import {
  deadLetterQueueUrlOutput,
  queueUrlOutput,
  statefulStackName,
  tableNameOutput,
} from '../../../../infra/stack-outputs.ts';

/** Signal keys for the tenants it has been told about; a tenant can be set up while the test runs. */
class SettableTenantSecrets implements TenantSecrets {
  readonly #keys = new Map<string, Uint8Array>();

  constructor(tenants: readonly string[]) {
    for (const tenant of tenants) this.setUp(tenant);
  }

  setUp(tenant: string): void {
    this.#keys.set(tenant, new Uint8Array(32).fill(this.#keys.size + 1));
  }

  async signalKey(tenant: string): Promise<Uint8Array> {
    const key = this.#keys.get(tenant);
    if (key === undefined) throw new TenantKeyNotFoundError(tenant);
    return key;
  }
}

const LATE_TENANT = 'late-market';

let sqs: LocalSqs;
let dynamo: DynamoDbLocal;
let poller: SqsPoller;
let platform: SQSClient;
let ingest: LocalQueue;
let secrets: SettableTenantSecrets;
const sent: Record<'negativePrice' | 'lateTenant' | 'missingAuthor', string> = {
  negativePrice: '',
  lateTenant: '',
  missingAuthor: '',
};

/** The flags that point `patrol dlq` at the local emulators, as `patrol dev` prints them. */
function localFlags(): string[] {
  return ['--endpoint', sqs.endpoint, '--dynamodb-endpoint', dynamo.endpoint];
}

/** An environment as on an operator's machine, with the AWS SDK's endpoints pointed at the emulators. */
function awsEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'operator',
    AWS_SECRET_ACCESS_KEY: 'operator',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    ...extra,
  };
}

async function listed(args: string[] = localFlags(), env?: NodeJS.ProcessEnv): Promise<DeadLetterSummary[]> {
  const run = await runPatrol(['dlq', 'list', '--json', ...args], undefined, env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as DeadLetterSummary[];
}

async function send(body: unknown): Promise<string> {
  const { MessageId } = await platform.send(
    new SendMessageCommand({ QueueUrl: ingest.queueUrl, MessageBody: JSON.stringify(body) }),
  );
  return MessageId ?? '';
}

async function dlqDepth(): Promise<number> {
  const { Attributes } = await platform.send(
    new GetQueueAttributesCommand({
      QueueUrl: ingest.dlqUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

beforeAll(async () => {
  // A short visibility timeout, so a refused message reaches the DLQ after its receives in seconds.
  sqs = await startLocalSqs({ visibilityTimeoutSeconds: 1 });
  dynamo = await startDynamoDbLocal();
  ingest = sqs.queue(IngestQueue.id);
  secrets = new SettableTenantSecrets(['acme-market', 'gig-board']);
  const clock = new SystemClock();
  const handler = createIngestHandler({
    ruleSets: new FileRuleSetSource(DEFAULT_POLICIES_DIR),
    secrets,
    verdicts: new DynamoDbVerdictStore(dynamo.documentClient, localTableName(VerdictsTable)),
    rejections: new DynamoDbRejectionLog(dynamo.documentClient, localTableName(RejectionsTable), clock),
    clock,
    observability: {
      logger: new Logger({ serviceName: 'patrol-dlq-test', logLevel: 'SILENT' }),
      metrics: new CountingMetrics(),
    },
  });
  poller = startSqsPoller({
    client: sqs.createClient(),
    queue: ingest,
    region: LOCAL_REGION,
    handler,
    waitTimeSeconds: 1,
  });
  platform = sqs.createClient();

  sent.negativePrice = await send(
    aSubmission('listing', { contentId: 'dlq-negative-price', price: { amount: -5, currency: 'JPY' } }),
  );
  sent.lateTenant = await send({
    ...aSubmission('comment', { contentId: 'dlq-late-tenant' }),
    tenant: LATE_TENANT,
  });
  const { author: _author, ...withoutAuthor } = aSubmission('profile', { contentId: 'dlq-missing-author' });
  sent.missingAuthor = await send(withoutAuthor);
  await waitFor(
    'the refused messages to reach the DLQ',
    async () => ((await dlqDepth()) === 3 ? true : undefined),
    {
      timeoutMs: 30_000,
      intervalMs: 200,
    },
  );
}, 60_000);

afterAll(async () => {
  await poller?.stop();
  platform?.destroy();
  await sqs?.stop();
  await dynamo?.stop();
});

describe('patrol dlq', () => {
  it('lists each dead letter with its tenant, content id, reason, issues, receive count and age', async () => {
    const letters = await listed();

    const negativePrice = letters.find((letter) => letter.messageId === sent.negativePrice);
    expect(negativePrice).toMatchObject({
      tenant: 'acme-market',
      contentId: 'dlq-negative-price',
      rejected: true,
      issues: [expect.objectContaining({ path: 'price.amount' })],
    });
    expect(negativePrice?.receiveCount).toBeGreaterThan(IngestQueue.maxReceiveCount);
    expect(negativePrice?.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(letters.find((letter) => letter.messageId === sent.lateTenant)).toMatchObject({
      tenant: LATE_TENANT,
      reason: `tenant ${LATE_TENANT} is not configured: it has no signal key`,
    });
    expect(letters.find((letter) => letter.messageId === sent.missingAuthor)?.issues).toEqual([
      expect.objectContaining({ path: 'author' }),
    ]);
  });

  it('prints each letter with its reason and issues, and leaves them all in the DLQ', async () => {
    const run = await runPatrol(['dlq', 'list', ...localFlags()]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${ingest.dlqUrl}: 3 message(s)`);
    expect(run.stdout).toMatch(
      new RegExp(`${sent.negativePrice}  acme-market/dlq-negative-price  \\d+ receives`),
    );
    expect(run.stdout).toMatch(/^ {4}price\.amount: /m);
    expect((await listed()).map((letter) => letter.messageId).sort()).toEqual(Object.values(sent).sort());
  });

  it('lists letters without reasons, and says how to get them, when not given the DynamoDB endpoint', async () => {
    const run = await runPatrol(['dlq', 'list', '--json', '--endpoint', sqs.endpoint]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('give --dynamodb-endpoint');
    const letters = JSON.parse(run.stdout) as DeadLetterSummary[];
    expect(letters.find((letter) => letter.messageId === sent.negativePrice)).toMatchObject({
      rejected: false,
      tenant: 'acme-market',
      contentId: 'dlq-negative-price',
    });
  });

  it('sends and deletes nothing in a dry run', async () => {
    const run = await runPatrol(['dlq', 'replay', '--dry-run', ...localFlags()]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`would replay ${sent.lateTenant}`);
    expect(run.stdout).toContain('would replay 3, failed 0');
    expect(await dlqDepth()).toBe(3);
  });

  it('keeps a letter in the DLQ when its send fails, using the AWS path by endpoint', async () => {
    const missingQueue = ingest.queueUrl.replace(/patrol-ingest$/, 'patrol-no-such-queue');

    const run = await runPatrol(
      [
        'dlq',
        'replay',
        '--queue-url',
        missingQueue,
        '--dlq-url',
        ingest.dlqUrl,
        '--message-id',
        sent.missingAuthor,
      ],
      undefined,
      awsEnvironment(),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed ${sent.missingAuthor}: not sent: QueueDoesNotExist`);
    expect((await listed()).map((letter) => letter.messageId)).toContain(sent.missingAuthor);
  });

  it('replays a letter once its cause is fixed, and the ingest function decides it', async () => {
    secrets.setUp(LATE_TENANT);
    const verdicts = new DynamoDbVerdictStore(dynamo.documentClient, localTableName(VerdictsTable));

    const run = await runPatrol(['dlq', 'replay', '--message-id', sent.lateTenant, ...localFlags()]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`replayed ${sent.lateTenant} as \\S+ to ${ingest.queueUrl}`));
    const decided = await waitFor('the replayed submission to be decided', () =>
      verdicts.get(LATE_TENANT, 'dlq-late-tenant'),
    );
    expect(decided.latest.decision).toMatch(/^(allow|review|block)$/);
    expect((await listed()).map((letter) => letter.messageId).sort()).toEqual(
      [sent.negativePrice, sent.missingAuthor].sort(),
    );
  });

  it('says which message ids the DLQ does not hold', async () => {
    const run = await runPatrol(['dlq', 'replay', '--message-id', 'no-such-message', ...localFlags()]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`not found no-such-message: not in ${ingest.dlqUrl}`);
    expect(await dlqDepth()).toBe(2);
  });

  describe.skipIf(!hasMotoServer())('against a deployed stage', () => {
    let moto: MotoServer;

    beforeAll(async () => {
      moto = await startMotoServer();
      const cloudFormation = new CloudFormationClient({
        endpoint: moto.endpoint,
        region: LOCAL_REGION,
        credentials: { accessKeyId: 'operator', secretAccessKey: 'operator' },
      });
      // The stack a deployment leaves: its outputs name the emulators' queues and table.
      await cloudFormation.send(
        new CreateStackCommand({
          StackName: statefulStackName('staging'),
          TemplateBody: JSON.stringify({
            Resources: { Placeholder: { Type: 'AWS::SNS::Topic' } },
            Outputs: {
              [queueUrlOutput(IngestQueue)]: { Value: ingest.queueUrl },
              [deadLetterQueueUrlOutput(IngestQueue)]: { Value: ingest.dlqUrl },
              [tableNameOutput(RejectionsTable)]: { Value: localTableName(RejectionsTable) },
            },
          }),
        }),
      );
      cloudFormation.destroy();
    }, 60_000);

    afterAll(async () => {
      await moto?.stop();
    });

    it('finds the queues and the rejections table from the stage stack outputs', async () => {
      const env = awsEnvironment({ AWS_ENDPOINT_URL_CLOUDFORMATION: moto.endpoint });

      const letters = await listed(['--stage', 'staging'], env);

      expect(letters.find((letter) => letter.messageId === sent.negativePrice)).toMatchObject({
        rejected: true,
        issues: [expect.objectContaining({ path: 'price.amount' })],
      });
    });

    it('names the stack it could not read when the stage is not deployed', async () => {
      const env = awsEnvironment({ AWS_ENDPOINT_URL_CLOUDFORMATION: moto.endpoint });

      const run = await runPatrol(['dlq', 'list', '--stage', 'nowhere'], undefined, env);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`could not read the outputs of stack ${statefulStackName('nowhere')}`);
    });
  });
});
