import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InfraError } from '../../errors.ts';
import type { PatrolFunction } from '../shared/patrol-function.ts';

/** The namespace Patrol's functions publish their own metrics under (Powertools, `service` dimension). */
export const PATROL_NAMESPACE = 'Patrol';
/** The ingest outcomes the ingest function counts, one metric each. */
export const DECISION_METRICS = ['DecisionAllow', 'DecisionReview', 'DecisionBlock'] as const;
export const OTHER_OUTCOME_METRICS = ['Redelivered', 'Rejected', 'Unavailable'] as const;

/** Share of failed invocations (or undecided submissions) over which on-call hears of it. */
const DEFAULT_ERROR_RATE_PERCENT = 5;
const FULL_WIDTH = 24;
const GRAPH_HEIGHT = 6;
const MINUTE = Duration.minutes(1);

interface FunctionGraphs {
  errors: GraphWidget;
  throttles: GraphWidget;
  duration: GraphWidget;
}

interface QueueGraphs {
  deadLetters: GraphWidget;
  oldestMessage: GraphWidget;
}

export interface PatrolObservabilityProps {
  stage: string;
  alarmTopic: ITopic;
}

export interface WatchFunctionOptions {
  /** The failed share of invocations, in percent, that raises the error-rate alarm; 5 by default. */
  errorRatePercent?: number;
}

export interface WatchQueueProps {
  /** The line's label on the graphs: `ingest`. */
  label: string;
  /** Graphed by the age of its oldest message. */
  queue?: IQueue;
  /** Graphed by its depth. */
  deadLetterQueue?: IQueue;
}

export interface WatchIngestProps {
  queue: IQueue;
  handler: PatrolFunction;
  /** The share of undecided submissions, in percent, that raises an alarm; 5 by default. */
  failureRatePercent?: number;
}

/**
 * The stage's CloudWatch dashboard and the alarms that notify the alarm topic. Each part adds to it:
 *
 * - `addSection(title, widgets)` appends a titled row (the review queue's backlog, oldest case, SLA
 *   warnings and breaches); `metric(service, name)` builds a widget's metric from the `Patrol` namespace;
 * - `addAlarm(alarm)` sends an alarm to the topic and shows it in the status widget; `showAlarms`
 *   shows alarms that already notify the topic (the stateful stack's queue alarms);
 * - `watchFunction(fn)` graphs a function's errors, throttles and duration and alarms on its error
 *   rate; `watchQueue({...})` graphs a queue's oldest message age and its DLQ's depth.
 *
 * Sections appear in the order they are added; the function and queue graphs are shared by all parts.
 */
export class PatrolObservability extends Construct {
  readonly dashboard: Dashboard;
  readonly #topic: ITopic;
  // The status widget reads this list when the template is written, so alarms added later appear too.
  readonly #shownAlarms: IAlarm[] = [];
  #functionGraphs: FunctionGraphs | undefined;
  #queueGraphs: QueueGraphs | undefined;

  constructor(scope: Construct, id: string, props: PatrolObservabilityProps) {
    super(scope, id);
    this.#topic = props.alarmTopic;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `patrol-${props.stage}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          `# Patrol ${props.stage}\n` +
          'Alarms notify the stage alarm topic. Runbook: docs/deploy.md, "Runbook"; ' +
          'inspect and replay dead letters with `patrol dlq list` and `patrol dlq replay`.',
        width: FULL_WIDTH,
        height: 2,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.#shownAlarms, width: FULL_WIDTH, height: 4 }),
    );
  }

  /** A metric a Patrol function publishes (Powertools adds the `service` dimension), summed per minute. */
  metric(service: string, metricName: string, label?: string): Metric {
    return new Metric({
      namespace: PATROL_NAMESPACE,
      metricName,
      dimensionsMap: { service },
      statistic: 'Sum',
      period: MINUTE,
      ...(label === undefined ? {} : { label }),
    });
  }

  /** Appends a titled section: a heading, then the widgets in rows of 24 units. */
  addSection(title: string, widgets: readonly IWidget[]): void {
    this.dashboard.addWidgets(new TextWidget({ markdown: `## ${title}`, width: FULL_WIDTH, height: 1 }));
    this.dashboard.addWidgets(...widgets);
  }

  /** Sends `alarm` to the alarm topic when it fires and when it clears, and shows it in the status widget. */
  addAlarm(alarm: Alarm): Alarm {
    const action = new SnsAction(this.#topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.#shownAlarms.push(alarm);
    return alarm;
  }

  /** Shows alarms that already notify the alarm topic in the status widget. */
  showAlarms(...alarms: IAlarm[]): void {
    this.#shownAlarms.push(...alarms);
  }

  /**
   * Graphs a function's errors, throttles and p95 duration beside the others', and alarms when more than
   * `errorRatePercent` of its invocations fail in 3 of 5 minutes.
   */
  watchFunction(handler: PatrolFunction, options: WatchFunctionOptions = {}): Alarm {
    const graphs = this.#ensureFunctionGraphs();
    const fn = handler.function;
    const label = handler.serviceName;
    graphs.errors.addLeftMetric(fn.metricErrors({ period: MINUTE, statistic: 'Sum', label }));
    graphs.throttles.addLeftMetric(fn.metricThrottles({ period: MINUTE, statistic: 'Sum', label }));
    graphs.duration.addLeftMetric(fn.metricDuration({ period: MINUTE, statistic: 'p95', label }));
    const threshold = options.errorRatePercent ?? DEFAULT_ERROR_RATE_PERCENT;
    return this.addAlarm(
      new Alarm(handler, 'ErrorRate', {
        alarmDescription: `Over ${threshold}% of ${label} invocations failed in 3 of the last 5 minutes: read its logs.`,
        metric: new MathExpression({
          expression: 'IF(invocations > 0, 100 * errors / invocations, 0)',
          usingMetrics: {
            errors: fn.metricErrors({ statistic: 'Sum' }),
            invocations: fn.metricInvocations({ statistic: 'Sum' }),
          },
          period: MINUTE,
          label: `${label} error rate (%)`,
        }),
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Adds a queue's oldest message age and its DLQ's depth to the shared queue graphs. */
  watchQueue(props: WatchQueueProps): void {
    if (props.queue === undefined && props.deadLetterQueue === undefined) {
      throw new InfraError(`watchQueue ${props.label}: give a queue, a dead-letter queue or both`);
    }
    const graphs = this.#ensureQueueGraphs();
    if (props.deadLetterQueue !== undefined) {
      graphs.deadLetters.addLeftMetric(
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: MINUTE,
          statistic: 'Maximum',
          label: props.label,
        }),
      );
    }
    if (props.queue !== undefined) {
      graphs.oldestMessage.addLeftMetric(
        props.queue.metricApproximateAgeOfOldestMessage({
          period: MINUTE,
          statistic: 'Maximum',
          label: props.label,
        }),
      );
    }
  }

  /**
   * The ingest section: submissions sent and decided per minute, decisions by outcome, redeliveries,
   * rejections and failures, and an alarm when over `failureRatePercent` of attempts stay undecided.
   */
  watchIngest(props: WatchIngestProps): Alarm {
    const service = props.handler.serviceName;
    const outcome = (name: string) => this.metric(service, name, name.replace(/^Decision/, ''));
    const decisions = Object.fromEntries(DECISION_METRICS.map((name) => [idOf(name), outcome(name)]));
    const others = Object.fromEntries(OTHER_OUTCOME_METRICS.map((name) => [idOf(name), outcome(name)]));
    const sum = (ids: string[]) => ids.map((id) => `FILL(${id}, 0)`).join(' + ');
    this.addSection('Ingest', [
      new GraphWidget({
        title: 'Submissions per minute',
        left: [
          props.queue.metricNumberOfMessagesSent({ period: MINUTE, statistic: 'Sum', label: 'sent' }),
          new MathExpression({
            expression: sum(Object.keys(decisions)),
            usingMetrics: decisions,
            period: MINUTE,
            label: 'decided',
          }),
        ],
        width: 8,
        height: GRAPH_HEIGHT,
      }),
      new GraphWidget({
        title: 'Decisions by outcome',
        left: Object.values(decisions),
        stacked: true,
        width: 8,
        height: GRAPH_HEIGHT,
      }),
      new GraphWidget({
        title: 'Redelivered, rejected and undecided attempts',
        left: Object.values(others),
        width: 8,
        height: GRAPH_HEIGHT,
      }),
    ]);
    const threshold = props.failureRatePercent ?? DEFAULT_ERROR_RATE_PERCENT;
    const attempts = { ...decisions, ...others };
    return this.addAlarm(
      new Alarm(props.handler, 'UndecidedRate', {
        alarmDescription:
          `Over ${threshold}% of ingest attempts failed on a dependency (Unavailable) in 3 of the last 5 minutes: ` +
          'the messages are retried, then dead-lettered. Read the ingest logs for the failing dependency.',
        metric: new MathExpression({
          expression: `IF(attempts > 0, 100 * FILL(unavailable, 0) / attempts, 0)`,
          usingMetrics: {
            attempts: new MathExpression({
              expression: sum(Object.keys(attempts)),
              usingMetrics: attempts,
              period: MINUTE,
            }),
            unavailable: others.unavailable as Metric,
          },
          period: MINUTE,
          label: 'undecided attempts (%)',
        }),
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /**
   * The ML section for a function that calls Comprehend: requests, units and estimated cost by API,
   * items left without ML by reason, and an alarm on the first item a tenant's daily budget refuses.
   */
  watchComprehend(handler: PatrolFunction): Alarm {
    const service = handler.serviceName;
    // One line per API, whichever APIs the stage's settings call.
    const byApi = (metricName: string) =>
      new MathExpression({
        expression: `SEARCH('{${PATROL_NAMESPACE},Api,service} service="${service}" MetricName="${metricName}"', 'Sum', 60)`,
        period: MINUTE,
      });
    const budgetExceeded = this.metric(service, 'MlBudgetExceeded').with({ period: Duration.minutes(5) });
    this.addSection('ML (Amazon Comprehend)', [
      new GraphWidget({
        title: 'Comprehend requests per minute by API',
        left: [byApi('MlRequests')],
        right: [byApi('MlRequestFailures')],
        width: 6,
        height: GRAPH_HEIGHT,
      }),
      new GraphWidget({
        title: 'Billed units per minute by API',
        left: [byApi('MlUnits')],
        width: 6,
        height: GRAPH_HEIGHT,
      }),
      new GraphWidget({
        title: 'Estimated cost, USD per hour',
        left: [
          new MathExpression({
            expression: `SUM(SEARCH('{${PATROL_NAMESPACE},Api,service} service="${service}" MetricName="MlEstimatedCostUsd"', 'Sum', 3600))`,
            period: Duration.hours(1),
            label: 'USD',
          }),
        ],
        width: 6,
        height: GRAPH_HEIGHT,
      }),
      new GraphWidget({
        title: 'Items without ML scores',
        left: [
          new MathExpression({
            expression: `SEARCH('{${PATROL_NAMESPACE},Reason,service} service="${service}" MetricName="MlUnavailable"', 'Sum', 60)`,
            period: MINUTE,
          }),
        ],
        right: [budgetExceeded.with({ label: 'refused by the budget' })],
        width: 6,
        height: GRAPH_HEIGHT,
      }),
    ]);
    return this.addAlarm(
      new Alarm(handler, 'MlBudgetReached', {
        alarmDescription:
          "A tenant reached its daily Comprehend budget: its undecided items go to review without ML scores until 00:00 UTC. Raise the stage's comprehend.dailyUnits or tenantDailyUnits if this is expected.",
        metric: budgetExceeded,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  #ensureFunctionGraphs(): FunctionGraphs {
    if (this.#functionGraphs !== undefined) return this.#functionGraphs;
    const graph = (title: string) => new GraphWidget({ title, width: 8, height: GRAPH_HEIGHT });
    this.#functionGraphs = {
      errors: graph('Lambda errors per minute'),
      throttles: graph('Lambda throttles per minute'),
      duration: graph('Lambda duration p95 (ms)'),
    };
    const { errors, throttles, duration } = this.#functionGraphs;
    this.addSection('Functions', [errors, throttles, duration]);
    return this.#functionGraphs;
  }

  #ensureQueueGraphs(): QueueGraphs {
    if (this.#queueGraphs !== undefined) return this.#queueGraphs;
    this.#queueGraphs = {
      deadLetters: new GraphWidget({ title: 'Dead letters waiting', width: 12, height: GRAPH_HEIGHT }),
      oldestMessage: new GraphWidget({
        title: 'Age of the oldest message (s)',
        width: 12,
        height: GRAPH_HEIGHT,
      }),
    };
    this.addSection('Queues', [this.#queueGraphs.deadLetters, this.#queueGraphs.oldestMessage]);
    return this.#queueGraphs;
  }
}

/** A metric math id for a metric name (ids start with a lower-case letter): `DecisionAllow` is `decisionAllow`. */
function idOf(metricName: string): string {
  return metricName.charAt(0).toLowerCase() + metricName.slice(1);
}
