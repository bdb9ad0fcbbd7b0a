import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { IngestQueue, localQueueNames } from '#adapters/sqs/queue-definitions';

const QUEUE_ARN = `arn:aws:sqs:ap-northeast-1:000000000000:${localQueueNames(IngestQueue).queue}`;

/** One SQS record as Lambda delivers it, with a fresh message id unless one is given. */
export function anSqsRecord(body: string, overrides: Partial<SQSRecord> = {}): SQSRecord {
  const sentAt = String(Date.parse('2026-11-20T00:00:00Z'));
  return {
    messageId: randomUUID(),
    receiptHandle: `receipt-${randomUUID()}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: sentAt,
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: sentAt,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'ap-northeast-1',
    ...overrides,
  };
}

/** An SQS event with one record per body, in order. */
export function anSqsEvent(bodies: readonly string[]): SQSEvent {
  return { Records: bodies.map((body) => anSqsRecord(body)) };
}
