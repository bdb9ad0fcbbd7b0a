import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReviewRequestSender } from '#ports/review-request-sender';
import type { ReviewRequest } from '#schemas/review-request';

/** Review requests as SQS messages on the review queue, one JSON body each. */
export class SqsReviewRequestSender implements ReviewRequestSender {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async send(request: ReviewRequest): Promise<void> {
    await this.#client.send(
      new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(request) }),
    );
  }
}
