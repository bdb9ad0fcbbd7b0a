import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { CaseNotification, CaseNotifier } from '#ports/case-notifier';

/** SLA warnings and breaches on an SNS topic, as JSON with the type as a message attribute for filters. */
export class SnsCaseNotifier implements CaseNotifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;

  constructor(client: SNSClient, topicArn: string) {
    this.#client = client;
    this.#topicArn = topicArn;
  }

  async notify(notification: CaseNotification): Promise<void> {
    await this.#client.send(
      new PublishCommand({
        TopicArn: this.#topicArn,
        Subject: `Patrol ${notification.type}: case ${notification.caseId} in ${notification.queue}`.slice(
          0,
          100,
        ),
        Message: JSON.stringify(notification),
        MessageAttributes: {
          type: { DataType: 'String', StringValue: notification.type },
          tenant: { DataType: 'String', StringValue: notification.tenant },
        },
      }),
    );
  }
}
