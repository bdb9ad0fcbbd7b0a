import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueuedMessage } from '#ports/dead-letter-queue';
import type { SubmissionQueue } from '#ports/submission-queue';
import { UnexpectedSqsResponseError } from './errors.ts';
import { toSqsAttributes } from './message-attributes.ts';

/** The ingest queue on SQS, as a replay sends to it. */
export class SqsSubmissionQueue implements SubmissionQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async send(message: QueuedMessage): Promise<string> {
    const attributes = toSqsAttributes(message.attributes);
    const { MessageId } = await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: message.body,
        ...(attributes === undefined ? {} : { MessageAttributes: attributes }),
      }),
    );
    if (MessageId === undefined)
      throw new UnexpectedSqsResponseError(this.#queueUrl, 'SendMessage returned no MessageId');
    return MessageId;
  }
}
