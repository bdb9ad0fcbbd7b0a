import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue } from '#ports/dead-letter-queue';
import { SqsBatchEntriesError, UnexpectedSqsResponseError } from './errors.ts';
import { fromSqsAttributes } from './message-attributes.ts';

/** SQS takes at most 10 messages per receive and 10 entries per batch request. */
const SQS_BATCH_LIMIT = 10;
/** A short long poll: long polling asks every SQS server, so an empty answer means the queue is drained. */
const WAIT_TIME_SECONDS = 1;

/** An SQS dead-letter queue read by an operator. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async receiveAll({ max, holdSeconds }: { max: number; holdSeconds: number }): Promise<DeadLetter[]> {
    const letters = new Map<string, DeadLetter>();
    while (letters.size < max) {
      const { Messages = [] } = await this.#client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.#queueUrl,
          MaxNumberOfMessages: Math.min(SQS_BATCH_LIMIT, max - letters.size),
          VisibilityTimeout: holdSeconds,
          WaitTimeSeconds: WAIT_TIME_SECONDS,
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        const letter = this.#toLetter(message);
        letters.set(letter.messageId, letter);
      }
    }
    return [...letters.values()];
  }

  async release(letters: readonly DeadLetter[]): Promise<void> {
    const failures: { messageId: string; reason: string }[] = [];
    for (let start = 0; start < letters.length; start += SQS_BATCH_LIMIT) {
      const chunk = letters.slice(start, start + SQS_BATCH_LIMIT);
      const { Failed = [] } = await this.#client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.#queueUrl,
          Entries: chunk.map((letter, index) => ({
            Id: String(index),
            ReceiptHandle: letter.receipt,
            VisibilityTimeout: 0,
          })),
        }),
      );
      for (const failure of Failed) {
        failures.push({
          messageId: chunk[Number(failure.Id)]?.messageId ?? `entry ${failure.Id}`,
          reason: failure.Message ?? failure.Code ?? 'unknown',
        });
      }
    }
    if (failures.length > 0)
      throw new SqsBatchEntriesError(this.#queueUrl, 'ChangeMessageVisibility', failures);
  }

  async remove(letter: DeadLetter): Promise<void> {
    await this.#client.send(
      new DeleteMessageCommand({ QueueUrl: this.#queueUrl, ReceiptHandle: letter.receipt }),
    );
  }

  #toLetter(message: Message): DeadLetter {
    const { MessageId, Body, ReceiptHandle, Attributes = {} } = message;
    if (MessageId === undefined || Body === undefined || ReceiptHandle === undefined) {
      throw new UnexpectedSqsResponseError(
        this.#queueUrl,
        'a received message has no id, body or receipt handle',
      );
    }
    return {
      messageId: MessageId,
      body: Body,
      attributes: fromSqsAttributes(message.MessageAttributes),
      receiveCount: Number(Attributes.ApproximateReceiveCount ?? 1),
      sentAt: new Date(Number(Attributes.SentTimestamp ?? Date.now())),
      receipt: ReceiptHandle,
    };
  }
}
