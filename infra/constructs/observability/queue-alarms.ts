import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How old the oldest waiting message may get before on-call hears of it; verdicts are due in seconds. */
const DEFAULT_MAX_MESSAGE_AGE = Duration.minutes(5);

export interface QueueAlarmsProps {
  /** What the queue carries, for the alarm descriptions: `submissions`. */
  carries: string;
  topic: ITopic;
  /** Alarms when its oldest message waits longer than `maxMessageAge`. */
  queue?: IQueue;
  /** Alarms as soon as it holds one message. */
  deadLetterQueue: IQueue;
  maxMessageAge?: Duration;
}

/** Alarms that a queue is falling behind and that its DLQ is not empty, sent to the alarm topic. */
export class QueueAlarms extends Construct {
  readonly deadLetterQueueNotEmpty: Alarm;
  readonly oldestMessageTooOld: Alarm | undefined;

  constructor(scope: Construct, id: string, props: QueueAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    this.deadLetterQueueNotEmpty = new Alarm(this, 'DeadLetterQueueNotEmpty', {
      alarmDescription: `Undeliverable ${props.carries} are waiting in ${props.deadLetterQueue.queueName}: inspect and replay them.`,
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.deadLetterQueueNotEmpty.addAlarmAction(action);
    if (props.queue === undefined) return;
    const maxMessageAge = props.maxMessageAge ?? DEFAULT_MAX_MESSAGE_AGE;
    this.oldestMessageTooOld = new Alarm(this, 'OldestMessageTooOld', {
      alarmDescription: `The oldest of the ${props.carries} in ${props.queue.queueName} has waited over ${maxMessageAge.toHumanString()}.`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: maxMessageAge.toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.oldestMessageTooOld.addAlarmAction(action);
    this.oldestMessageTooOld.addOkAction(action);
  }

  /** Every alarm of the queue, for a dashboard's status widget. */
  get alarms(): Alarm[] {
    return this.oldestMessageTooOld === undefined
      ? [this.deadLetterQueueNotEmpty]
      : [this.deadLetterQueueNotEmpty, this.oldestMessageTooOld];
  }
}
