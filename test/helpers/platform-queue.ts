import { GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

/** An SQS client as a platform holds one, pointed at a local SQS endpoint. */
export function platformSqsClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'platform', secretAccessKey: 'platform' },
  });
}

/** Sends message bodies in batches of ten, in order; returns the message ids SQS gave them. */
export async function sendBodies(
  client: SQSClient,
  queueUrl: string,
  bodies: readonly string[],
): Promise<string[]> {
  const messageIds: string[] = [];
  for (let start = 0; start < bodies.length; start += 10) {
    const { Successful = [] } = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies
          .slice(start, start + 10)
          .map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    messageIds.push(...Successful.map((entry) => entry.MessageId ?? ''));
  }
  return messageIds;
}

/** The messages a queue still holds: waiting and in flight. */
export async function queueDepth(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
}
