import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

const STREAM_ARN =
  'arn:aws:dynamodb:ap-northeast-1:000000000000:table/patrol-verdicts/stream/2026-11-20T00:00:00.000';

/** What a record carries: the item as written (a REMOVE has none) and the change that made it. */
export interface StreamChange {
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  item?: Record<string, unknown>;
}

/** One DynamoDB stream record as Lambda delivers it with a NEW_IMAGE view. */
export function aStreamRecord(
  sequenceNumber: string,
  { eventName = 'INSERT', item }: StreamChange,
): DynamoDBRecord {
  const image =
    item === undefined
      ? undefined
      : (marshall(item, { removeUndefinedValues: true }) as Record<string, SdkAttributeValue>);
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ap-northeast-1',
    eventSourceARN: STREAM_ARN,
    dynamodb: {
      ApproximateCreationDateTime: Date.parse('2026-11-20T09:15:01Z') / 1000,
      SequenceNumber: sequenceNumber,
      SizeBytes: 512,
      StreamViewType: 'NEW_IMAGE',
      ...(image === undefined
        ? {}
        : {
            Keys: { pk: image.pk as AttributeValue, sk: image.sk as AttributeValue },
            NewImage: image as Record<string, AttributeValue>,
          }),
    },
  };
}

/** A stream event with one record per change, numbered 100, 200, ... in order. */
export function aStreamEvent(changes: readonly StreamChange[]): DynamoDBStreamEvent {
  return { Records: changes.map((change, index) => aStreamRecord(String((index + 1) * 100), change)) };
}
