import { createHash } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_REGION, type LocalSqs, startLocalSqs } from '#local/sqs-local';
import { type BatchOutcome, type SqsBatchHandler, type SqsPoller, startSqsPoller } from '#local/sqs-poller';
import { waitFor } from '#test/helpers/wait-for';

describe('startSqsPoller', () => {
  let sqs: LocalSqs;
  let client: SQSClient;
  let poller: SqsPoller | undefined;

  beforeEach(async () => {
    // Longer than the batching window, as a deployment's is, but short enough to see redrive.
    sqs = await startLocalSqs({ visibilityTimeoutSeconds: 2 });
    client = sqs.createClient();
  });

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
    client.destroy();
    await sqs.stop();
  });

  const ingest = () => sqs.queue('ingest');

  function poll(handler: SqsBatchHandler, onBatch?: (outcome: BatchOutcome) => void): void {
    poller = startSqsPoller({
      client,
      queue: ingest(),
      region: LOCAL_REGION,
      handler,
      waitTimeSeconds: 1,
      onBatch,
    });
  }

  async function send(bodies: string[]): Promise<void> {
    for (let start = 0; start < bodies.length; start += 10) {
      await client.send(
        new SendMessageBatchCommand({
          QueueUrl: ingest().queueUrl,
          Entries: bodies
            .slice(start, start + 10)
            .map((body, index) => ({ Id: String(index), MessageBody: body })),
        }),
      );
    }
  }

  async function messagesLeft(queueUrl: string): Promise<number> {
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
    );
  }

  async function drainDlq(): Promise<string[]> {
    const bodies: string[] = [];
    for (;;) {
      const { Messages } = await client.send(
        new ReceiveMessageCommand({ QueueUrl: ingest().dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (!Messages?.length) return bodies;
      bodies.push(...Messages.map((message) => message.Body ?? ''));
    }
  }

  it('hands the function Lambda-shaped records with the queue ARN, region and message attributes', async () => {
    const records: SQSRecord[] = [];
    poll(async (event) => {
      records.push(...event.Records);
    });
    const body = JSON.stringify({ hello: 'こんにちは' });
    await client.send(
      new SendMessageCommand({
        QueueUrl: ingest().queueUrl,
        MessageBody: body,
        MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme-market' } },
      }),
    );

    const [record] = await waitFor('the record', () => (records.length > 0 ? records : undefined));
    expect(record).toMatchObject({
      body,
      eventSource: 'aws:sqs',
      eventSourceARN: ingest().queueArn,
      awsRegion: LOCAL_REGION,
      md5OfBody: createHash('md5').update(body).digest('hex'),
      messageAttributes: { tenant: { dataType: 'String', stringValue: 'acme-market' } },
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(Number(record?.attributes.SentTimestamp)).toBeGreaterThan(0);
  });

  it('groups waiting messages into batches no larger than the batch size', async () => {
    const batchSizes: number[] = [];
    const bodies = Array.from({ length: 35 }, (_, index) => `item-${index}`);
    await send(bodies);
    const seen = new Set<string>();
    poll(async (event) => {
      batchSizes.push(event.Records.length);
      for (const record of event.Records) seen.add(record.body);
    });

    await waitFor('every message', () => (seen.size === bodies.length ? true : undefined));
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(ingest().definition.batchSize);
    expect(batchSizes.length).toBeLessThan(bodies.length);
    await waitFor('an empty queue', async () =>
      (await messagesLeft(ingest().queueUrl)) === 0 ? true : undefined,
    );
  });

  it('deletes the reported successes and dead-letters the reported failures after maxReceiveCount', async () => {
    const receiveCounts = new Map<string, number[]>();
    poll(async (event) => {
      for (const record of event.Records) {
        receiveCounts.set(record.body, [
          ...(receiveCounts.get(record.body) ?? []),
          Number(record.attributes.ApproximateReceiveCount),
        ]);
      }
      return {
        batchItemFailures: event.Records.filter((record) => record.body.startsWith('bad')).map((record) => ({
          itemIdentifier: record.messageId,
        })),
      };
    });
    await send(['good-1', 'bad-1', 'good-2', 'bad-2', 'good-3']);

    const dlqBodies: string[] = [];
    await waitFor(
      'both failures in the DLQ',
      async () => {
        dlqBodies.push(...(await drainDlq()));
        return dlqBodies.length >= 2 ? true : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 200 },
    );

    const { maxReceiveCount } = ingest().definition;
    expect(dlqBodies.sort()).toEqual(['bad-1', 'bad-2']);
    expect(receiveCounts.get('bad-1')).toEqual(
      Array.from({ length: maxReceiveCount }, (_, index) => index + 1),
    );
    for (const good of ['good-1', 'good-2', 'good-3']) expect(receiveCounts.get(good)).toEqual([1]);
    expect(await messagesLeft(ingest().queueUrl)).toBe(0);
  });

  it('deletes nothing from a batch whose handler throws, so every message comes back', async () => {
    const outcomes: BatchOutcome[] = [];
    const handled: Record<string, string[]> = {};
    let calls = 0;
    poll(
      async (event) => {
        calls += 1;
        for (const record of event.Records) {
          handled[record.body] = [...(handled[record.body] ?? []), record.attributes.ApproximateReceiveCount];
        }
        if (calls === 1) throw new Error('downstream unavailable');
      },
      (outcome) => outcomes.push(outcome),
    );
    await send(['first']);

    await waitFor('the redelivery', () => (handled.first?.length === 2 ? true : undefined));
    expect(handled.first).toEqual(['1', '2']);
    expect(outcomes[0]).toMatchObject({ received: 1, deleted: 0 });
    expect(String(outcomes[0]?.error)).toContain('downstream unavailable');
    await waitFor('an empty queue', async () =>
      (await messagesLeft(ingest().queueUrl)) === 0 ? true : undefined,
    );
  });

  it('fails the whole batch when the response names a message that was not in it', async () => {
    const outcomes: BatchOutcome[] = [];
    poll(
      async () => ({ batchItemFailures: [{ itemIdentifier: 'not-a-message-of-this-batch' }] }),
      (outcome) => outcomes.push(outcome),
    );
    await send(['one']);

    const [outcome] = await waitFor('a batch', () => (outcomes.length > 0 ? outcomes : undefined));
    expect(outcome).toMatchObject({ received: 1, deleted: 0 });
    expect(outcome?.failed).toHaveLength(1);
  });

  it('finishes the batch in flight before stop resolves', async () => {
    let release: () => void = () => {};
    const started: string[] = [];
    const finished: string[] = [];
    poll(async (event) => {
      started.push(...event.Records.map((record) => record.body));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      finished.push(...event.Records.map((record) => record.body));
    });
    await send(['slow']);
    await waitFor('the batch to start', () => (started.length > 0 ? true : undefined));

    const stopping = poller?.stop();
    poller = undefined;
    let stopped = false;
    void stopping?.then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(finished).toEqual(['slow']);
    expect(await messagesLeft(ingest().queueUrl)).toBe(0);
  });
});
