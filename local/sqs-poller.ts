import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { HandlerTimeoutError, MessageDeleteError } from './errors.ts';
import type { LocalQueue } from './sqs-local.ts';

/** A Lambda handler for SQS events, answering with a partial batch response or nothing. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

/** What one batch came to; reported to `onBatch` after its deletes. */
export interface BatchOutcome {
  received: number;
  deleted: number;
  /** Message ids left on the queue for redelivery. */
  failed: string[];
  /** Set when the whole batch failed: the handler threw, timed out or answered nonsense. */
  error?: unknown;
}

export interface SqsPollerOptions {
  client: SQSClient;
  queue: LocalQueue;
  region: string;
  handler: SqsBatchHandler;
  /** Concurrent receive loops, like Lambda's pollers; 2 by default. */
  concurrency?: number;
  /** Long-poll wait of each receive; 5 seconds by default. */
  waitTimeSeconds?: number;
  functionName?: string;
  onBatch?: (outcome: BatchOutcome) => void;
  onError?: (error: unknown) => void;
}

/** A running event source mapping; `stop()` stops receiving and waits for in-flight batches. */
export interface SqsPoller {
  stop(): Promise<void>;
}

const RECEIVE_RETRY_DELAY_MS = 1_000;

/**
 * Feeds a queue to a handler with Lambda's SQS event-source semantics: batches up to the batch
 * size within the batching window, deletes what the handler did not report as failed, and leaves
 * failures for redelivery after the visibility timeout (the queue's redrive policy dead-letters them).
 */
export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const abort = new AbortController();
  const loops = Array.from({ length: options.concurrency ?? 2 }, () => pollLoop(options, abort.signal));
  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
  };
}

async function pollLoop(options: SqsPollerOptions, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    let messages: Message[];
    try {
      messages = await receiveBatch(options, signal);
    } catch (error) {
      if (signal.aborted) return;
      options.onError?.(error);
      await delay(RECEIVE_RETRY_DELAY_MS, signal);
      continue;
    }
    // A batch in hand is always finished, even during stop, so no work is left half done.
    if (messages.length > 0) await processBatch(options, messages);
  }
}

/** Collects up to the batch size: a long poll for the first message, then the batching window. */
async function receiveBatch(options: SqsPollerOptions, signal: AbortSignal): Promise<Message[]> {
  const { definition } = options.queue;
  const messages = await receive(options, definition.batchSize, options.waitTimeSeconds ?? 5, signal);
  if (messages.length === 0) return messages;
  const windowEnds = Date.now() + definition.maxBatchingWindowSeconds * 1_000;
  while (messages.length < definition.batchSize && !signal.aborted) {
    const remainingMs = windowEnds - Date.now();
    if (remainingMs <= 0) break;
    const wanted = definition.batchSize - messages.length;
    const more = await receive(options, wanted, Math.ceil(remainingMs / 1_000), signal).catch(
      (error: unknown) => {
        if (!signal.aborted) options.onError?.(error);
        return [];
      },
    );
    messages.push(...more);
  }
  return messages;
}

async function receive(
  options: SqsPollerOptions,
  wanted: number,
  waitTimeSeconds: number,
  signal: AbortSignal,
): Promise<Message[]> {
  const { Messages } = await options.client.send(
    new ReceiveMessageCommand({
      QueueUrl: options.queue.queueUrl,
      MaxNumberOfMessages: Math.min(wanted, 10),
      WaitTimeSeconds: waitTimeSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
    { abortSignal: signal },
  );
  return Messages ?? [];
}

async function processBatch(options: SqsPollerOptions, messages: Message[]): Promise<void> {
  const records = messages.map((message) => toRecord(message, options.queue.queueArn, options.region));
  const timeoutMs = options.queue.definition.consumerTimeoutSeconds * 1_000;
  let failedIds: Set<string>;
  let error: unknown;
  try {
    const response = await withTimeout(
      options.handler(
        { Records: records },
        lambdaContext(options.functionName ?? 'patrol-ingest', timeoutMs),
      ),
      timeoutMs,
    );
    failedIds = failedMessageIds(response, records);
  } catch (thrown) {
    // Lambda deletes nothing from a batch whose invocation failed.
    error = thrown;
    failedIds = new Set(records.map((record) => record.messageId));
  }
  const toDelete = records.filter((record) => !failedIds.has(record.messageId));
  const deleted = await deleteRecords(options, toDelete);
  options.onBatch?.({
    received: records.length,
    deleted,
    failed: [...failedIds],
    ...(error ? { error } : {}),
  });
}

/** The failed message ids of a partial batch response; an answer naming unknown ids fails the batch, as on Lambda. */
function failedMessageIds(response: SQSBatchResponse | undefined, records: SQSRecord[]): Set<string> {
  const failures = response?.batchItemFailures ?? [];
  const ids = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    if (typeof failure?.itemIdentifier !== 'string' || !ids.has(failure.itemIdentifier)) return ids;
    failed.add(failure.itemIdentifier);
  }
  return failed;
}

async function deleteRecords(options: SqsPollerOptions, records: SQSRecord[]): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < records.length; start += 10) {
    const chunk = records.slice(start, start + 10);
    try {
      const { Successful, Failed } = await options.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queue.queueUrl,
          Entries: chunk.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
        }),
      );
      deleted += Successful?.length ?? 0;
      // An undeleted message comes back after its visibility timeout; the handler is idempotent.
      if (Failed && Failed.length > 0)
        options.onError?.(new MessageDeleteError(Failed.map((entry) => entry.Message ?? '')));
    } catch (error) {
      options.onError?.(error);
    }
  }
  return deleted;
}

/** The record Lambda hands a function for one SQS message. */
function toRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ...attributes,
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: toRecordAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function toRecordAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined
          ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }
          : {}),
        stringListValues: value.StringListValues ?? [],
        binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
      },
    ]),
  );
}

function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error('callback-style completion is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HandlerTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
