import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RejectionLog } from '#ports/rejection-log';

/** How long the census hides what it read from other readers of the DLQ; the messages stay there. */
const HIDE_SECONDS = 60;

/**
 * The message ids in a DLQ, each with whether its rejection reason is on record (undefined when there
 * is no rejection log to ask). Messages are read, never deleted: they stay for `patrol dlq`.
 */
export async function censusDlq(
  client: SQSClient,
  dlqUrl: string,
  rejections: RejectionLog | undefined,
): Promise<Map<string, boolean | undefined>> {
  const found = new Map<string, boolean | undefined>();
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: HIDE_SECONDS,
        WaitTimeSeconds: 0,
      }),
    );
    // Past the hiding time the first messages come round again: everything has been read.
    if (Messages.length === 0 || Messages.every(({ MessageId = '' }) => found.has(MessageId))) return found;
    await Promise.all(
      Messages.map(async ({ MessageId = '' }) => {
        const rejection = rejections === undefined ? undefined : await rejections.get(MessageId);
        found.set(MessageId, rejections === undefined ? undefined : (rejection?.reason ?? '') !== '');
      }),
    );
  }
}
