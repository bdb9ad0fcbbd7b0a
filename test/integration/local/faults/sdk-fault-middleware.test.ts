import {
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import {
  ReceiveMessageCommand,
  RequestThrottled,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { localTableName, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { seededRandom } from '#core/ml/seeded-random';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { addSdkFaults, type SdkFault, type SdkFaultOptions } from '#local/faults/sdk-fault-middleware';
import { type LocalSqs, startLocalSqs } from '#local/sqs-local';
import { aVerdict } from '#test/helpers/verdicts';

/** Replays the given draws, then never faults again. */
function draws(...values: number[]): () => number {
  return () => values.shift() ?? 0.999;
}

describe('addSdkFaults', () => {
  let dynamo: DynamoDbLocal;
  let sqs: LocalSqs;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    sqs = await startLocalSqs();
  });

  afterAll(async () => {
    await sqs?.stop();
    await dynamo?.stop();
  });

  function faultyStore(options: Omit<SdkFaultOptions, 'onFault'>, faults: SdkFault[] = []) {
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    addSdkFaults(client, { ...options, onFault: (fault) => faults.push(fault) });
    const documents = DynamoDBDocumentClient.from(client);
    return { client, store: new DynamoDbVerdictStore(documents, localTableName(VerdictsTable)) };
  }

  const cleanStore = () => new DynamoDbVerdictStore(dynamo.documentClient, localTableName(VerdictsTable));

  it('throttles with the shapes DynamoDB uses, which the SDK retries so most writes still land once', async () => {
    const faults: SdkFault[] = [];
    const { client, store } = faultyStore(
      { throttle: 0.25, serverError: 0, timeout: 0, random: seededRandom(11) },
      faults,
    );
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, async (_, index) => {
        const verdict = aVerdict({ contentId: `throttled-${index}` });
        try {
          await store.record(verdict);
          return { verdict, error: undefined };
        } catch (error) {
          return { verdict, error };
        }
      }),
    );
    client.destroy();
    const failed = outcomes.filter((outcome) => outcome.error !== undefined);
    expect(faults.length).toBeGreaterThan(4 * failed.length);
    for (const { error } of failed) {
      expect(
        error instanceof ProvisionedThroughputExceededException || error instanceof ThrottlingException,
      ).toBe(true);
      expect(error).toMatchObject({ $retryable: { throttling: true } });
      expect((error as ThrottlingException).$metadata.attempts).toBeGreaterThan(1);
    }
    for (const { verdict, error } of outcomes) {
      const stored = await cleanStore().get(verdict.tenant, verdict.contentId);
      if (error === undefined) expect(stored?.history).toHaveLength(1);
    }
  });

  it('answers every attempt with a 5xx when the rate is 1, and the SDK gives up after its retries', async () => {
    const { client, store } = faultyStore({ throttle: 0, serverError: 1, timeout: 0, random: Math.random });
    const verdict = aVerdict({ contentId: 'always-5xx' });
    const failure = store.record(verdict);
    await expect(failure).rejects.toBeInstanceOf(InternalServerError);
    const error = (await failure.catch((thrown: unknown) => thrown)) as InternalServerError;
    expect(error).toMatchObject({ $fault: 'server', $metadata: { httpStatusCode: 500 } });
    expect(error.$metadata.attempts).toBeGreaterThan(1);
    client.destroy();
    expect(await cleanStore().get(verdict.tenant, verdict.contentId)).toBeUndefined();
  });

  it('stores a verdict once when the answer to its write is lost and the SDK sends it again', async () => {
    // The first attempt times out after DynamoDB wrote the item; every later attempt gets through.
    const { client, store } = faultyStore({ throttle: 0, serverError: 0, timeout: 0.5, random: draws(0, 0) });
    const verdict = aVerdict({ contentId: 'lost-answer' });
    const recorded = await store.record(verdict);
    client.destroy();
    expect(recorded).toEqual({ created: false, verdict });
    expect((await cleanStore().get(verdict.tenant, verdict.contentId))?.history).toEqual([verdict]);
  });

  it('throttles SQS with RequestThrottled, and a retried send puts the message on the queue once', async () => {
    const client: SQSClient = sqs.createClient();
    const faults: SdkFault[] = [];
    addSdkFaults(client, {
      throttle: 0.5,
      serverError: 0,
      timeout: 0,
      random: draws(0.1, 0.2),
      onFault: (fault) => faults.push(fault),
    });
    const queueUrl = sqs.queue('ingest').queueUrl;
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'throttled once' }));
    expect(faults).toEqual(['throttle']);
    const { Messages = [] } = await sqs
      .createClient()
      .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect(Messages.map((message) => message.Body)).toEqual(['throttled once']);
    const throttledOnly = sqs.createClient();
    addSdkFaults(throttledOnly, { throttle: 1, serverError: 0, timeout: 0, random: Math.random });
    await expect(
      throttledOnly.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'never sent' })),
    ).rejects.toBeInstanceOf(RequestThrottled);
    client.destroy();
    throttledOnly.destroy();
  });
});
