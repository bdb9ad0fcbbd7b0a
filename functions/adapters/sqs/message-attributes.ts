import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { QueuedMessageAttribute } from '#ports/dead-letter-queue';

/** SQS message attributes as the ports carry them. */
export function fromSqsAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): Record<string, QueuedMessageAttribute> {
  return Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
        ...(value.BinaryValue === undefined ? {} : { binaryValue: value.BinaryValue }),
      },
    ]),
  );
}

/** Port message attributes as SQS takes them; undefined when there are none, which SQS requires. */
export function toSqsAttributes(
  attributes: Readonly<Record<string, QueuedMessageAttribute>>,
): Record<string, MessageAttributeValue> | undefined {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, value]) => [
      name,
      {
        DataType: value.dataType,
        ...(value.stringValue === undefined ? {} : { StringValue: value.stringValue }),
        ...(value.binaryValue === undefined ? {} : { BinaryValue: value.binaryValue }),
      },
    ]),
  );
}
