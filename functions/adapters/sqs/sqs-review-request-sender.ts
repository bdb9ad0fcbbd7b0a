import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { nextHopAttribute } from '#core/resend/hop-limit';
import type { ReviewRequestSender, ReviewSendOptions } from '#ports/review-request-sender';
import type { ReviewRequest } from '#schemas/review-request';

/** Review requests as SQS messages on the review queue, one JSON body each. */
export class SqsReviewRequestSender implements ReviewRequestSender {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async send(request: ReviewRequest, options: ReviewSendOptions = {}): Promise<void> {
    const hops = Object.entries(nextHopAttribute(options.hops ?? 0)).map(([name, value]) => [
      name,
      { DataType: value.dataType, StringValue: value.stringValue },
    ]);
    await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: JSON.stringify(request),
        MessageAttributes: Object.fromEntries(hops),
      }),
    );
  }
}
