import { rmSync } from 'node:fs';
import { App, type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Alarm, GraphWidget, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_STAGE } from '../../infra/config.ts';
import {
  DECISION_METRICS,
  OTHER_OUTCOME_METRICS,
  PatrolObservability,
} from '../../infra/constructs/observability/patrol-observability.ts';
import { dashboardWidgets, graphLines, widgetTitled } from '../helpers/dashboard-widgets.ts';
import { type SynthesisedPatrol, synthPatrol } from '../helpers/patrol-app.ts';

type CfnAlarm = {
  Properties: {
    AlarmActions?: unknown[];
    OKActions?: unknown[];
    MetricName?: string;
    Namespace?: string;
    Dimensions?: unknown;
    Threshold: number;
    Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: Record<string, unknown> } }[];
  };
};

let dev: SynthesisedPatrol;

beforeAll(() => {
  dev = synthPatrol(DEV_STAGE, { bundle: false });
});

afterAll(() => {
  rmSync(dev.outdir, { recursive: true, force: true });
});

function logicalId(construct: IConstruct): string {
  const element = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(element as CfnElement);
}

function alarms(template: Template): Record<string, CfnAlarm> {
  return template.findResources('AWS::CloudWatch::Alarm') as Record<string, CfnAlarm>;
}

/** The metrics an alarm reads, as `namespace metric` with the dimension values it names. */
function alarmMetrics(alarm: CfnAlarm): string[] {
  const { Metrics, Namespace, MetricName, Dimensions } = alarm.Properties;
  if (Metrics === undefined) return [`${Namespace} ${MetricName} ${JSON.stringify(Dimensions)}`];
  return Metrics.flatMap(({ MetricStat }) =>
    MetricStat === undefined
      ? []
      : [
          `${MetricStat.Metric.Namespace} ${MetricStat.Metric.MetricName} ${JSON.stringify(MetricStat.Metric.Dimensions)}`,
        ],
  );
}

describe('PatrolObservability', () => {
  describe('alarms', () => {
    it('alarms the topic when over 5% of invocations fail, for every function of the stack', () => {
      const topicId = logicalId(dev.stateful.resources.alarmTopic);
      const functions = Object.keys(dev.statelessTemplate.findResources('AWS::Lambda::Function'));
      const errorRates = Object.values(alarms(dev.statelessTemplate)).filter((alarm) =>
        alarm.Properties.Metrics?.some(({ Expression }) => Expression?.includes('errors / invocations')),
      );

      expect(functions.length).toBeGreaterThan(0);
      for (const functionId of functions) {
        const alarm = errorRates.find((candidate) =>
          alarmMetrics(candidate).some(
            (metric) => metric.startsWith('AWS/Lambda Errors') && metric.includes(functionId),
          ),
        );
        expect(alarm, functionId).toBeDefined();
        expect(alarmMetrics(alarm as CfnAlarm).join()).toContain('AWS/Lambda Invocations');
        expect(alarm?.Properties.Threshold).toBe(5);
        expect(JSON.stringify(alarm?.Properties.AlarmActions)).toContain(topicId);
        expect(JSON.stringify(alarm?.Properties.OKActions)).toContain(topicId);
      }
    });

    it('alarms when over 5% of ingest attempts stay undecided because a dependency failed', () => {
      const [alarm] = Object.values(alarms(dev.statelessTemplate)).filter((candidate) =>
        candidate.Properties.Metrics?.some(({ Expression }) => Expression?.includes('unavailable')),
      );

      const read = alarmMetrics(alarm as CfnAlarm);
      for (const name of [...DECISION_METRICS, ...OTHER_OUTCOME_METRICS]) {
        expect(read).toContain(`Patrol ${name} [{"Name":"service","Value":"patrol-ingest"}]`);
      }
      expect(alarm?.Properties.Threshold).toBe(5);
      expect(alarm?.Properties.AlarmActions).toHaveLength(1);
    });
  });

  describe('dashboard', () => {
    it('graphs submissions sent to the ingest queue and decided by the ingest function', () => {
      const widgets = dashboardWidgets(dev.statelessTemplate);
      const rate = graphLines(widgetTitled(widgets, 'Submissions per minute'));

      expect(rate[0]).toMatch(/^AWS\/SQS NumberOfMessagesSent QueueName=.*IngestQueue/);
      expect(rate[1]).toBe(
        'expression FILL(decisionAllow, 0) + FILL(decisionReview, 0) + FILL(decisionBlock, 0)',
      );
      expect(graphLines(widgetTitled(widgets, 'Decisions by outcome'))).toEqual(
        DECISION_METRICS.map((name) => `Patrol ${name} service=patrol-ingest`),
      );
      expect(graphLines(widgetTitled(widgets, 'Redelivered, rejected and undecided attempts'))).toEqual(
        OTHER_OUTCOME_METRICS.map((name) => `Patrol ${name} service=patrol-ingest`),
      );
    });

    it('graphs the depth of every dead-letter queue and the age of the oldest submission', () => {
      const widgets = dashboardWidgets(dev.statelessTemplate);
      const { ingestQueue, verdictEvents } = dev.stateful.resources;

      const depth = graphLines(widgetTitled(widgets, 'Dead letters waiting'));
      expect(depth).toHaveLength(2);
      expect(depth[0]).toContain(logicalId(ingestQueue.deadLetterQueue));
      expect(depth[1]).toContain(logicalId(verdictEvents.failedDeliveries));
      for (const line of depth) expect(line).toMatch(/^AWS\/SQS ApproximateNumberOfMessagesVisible /);
      const age = graphLines(widgetTitled(widgets, 'Age of the oldest message (s)'));
      expect(age).toEqual([expect.stringMatching(/^AWS\/SQS ApproximateAgeOfOldestMessage /)]);
      expect(age[0]).toContain(logicalId(ingestQueue.queue));
    });

    it('graphs errors, throttles and p95 duration of every function of the stack', () => {
      const widgets = dashboardWidgets(dev.statelessTemplate);
      const functions = Object.keys(dev.statelessTemplate.findResources('AWS::Lambda::Function'));

      for (const [title, metricName] of [
        ['Lambda errors per minute', 'Errors'],
        ['Lambda throttles per minute', 'Throttles'],
        ['Lambda duration p95 (ms)', 'Duration'],
      ] as const) {
        const lines = graphLines(widgetTitled(widgets, title));
        expect(lines).toHaveLength(functions.length);
        for (const functionId of functions) {
          expect(lines).toContainEqual(
            expect.stringContaining(`AWS/Lambda ${metricName} FunctionName=<{Ref:${functionId}}>`),
          );
        }
      }
    });

    it('shows every alarm of both stacks in the status widget', () => {
      const shown = JSON.stringify(
        widgetTitled(dashboardWidgets(dev.statelessTemplate), 'Alarms').properties.alarms,
      );
      const all = [
        ...Object.keys(alarms(dev.statefulTemplate)),
        ...Object.keys(alarms(dev.statelessTemplate)),
      ];

      expect(all.length).toBeGreaterThan(4);
      for (const alarmId of all) expect(shown).toContain(alarmId);
    });
  });

  describe('for other parts', () => {
    function observed() {
      const stack = new Stack(new App(), 'observed');
      const topic = new Topic(stack, 'Topic');
      const observability = new PatrolObservability(stack, 'Observability', {
        stage: 'dev',
        alarmTopic: topic,
      });
      return { stack, topic, observability };
    }

    it('appends a section with its widgets below the ones added before', () => {
      const { stack, observability } = observed();
      const backlog = observability.metric('patrol-review', 'OpenCases', 'open cases');
      observability.addSection('Ingest', [new GraphWidget({ title: 'first', left: [backlog] })]);
      observability.addSection('Review', [new GraphWidget({ title: 'Review backlog', left: [backlog] })]);

      const widgets = dashboardWidgets(Template.fromStack(stack));
      const headings = widgets.map((widget) => widget.properties.markdown).filter(Boolean);
      expect(headings.slice(1)).toEqual(['## Ingest', '## Review']);
      expect(widgetTitled(widgets, 'Review backlog').y).toBeGreaterThan(widgetTitled(widgets, 'first').y);
      expect(graphLines(widgetTitled(widgets, 'Review backlog'))).toEqual([
        'Patrol OpenCases service=patrol-review',
      ]);
    });

    it('sends an added alarm to the topic when it fires and clears, and shows it', () => {
      const { stack, topic, observability } = observed();
      const breach = observability.addAlarm(
        new Alarm(stack, 'SlaBreached', {
          metric: new Metric({ namespace: 'Patrol', metricName: 'SlaBreached', period: Duration.minutes(1) }),
          threshold: 1,
          evaluationPeriods: 1,
        }),
      );

      const template = Template.fromStack(stack);
      const topicRef = { Ref: logicalId(topic) };
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'SlaBreached',
        AlarmActions: [topicRef],
        OKActions: [topicRef],
      });
      expect(JSON.stringify(widgetTitled(dashboardWidgets(template), 'Alarms').properties.alarms)).toContain(
        logicalId(breach),
      );
    });

    it('refuses to watch a queue given neither a queue nor a dead-letter queue', () => {
      const { observability } = observed();

      expect(() => observability.watchQueue({ label: 'cases' })).toThrow(/watchQueue cases: give a queue/);
    });
  });
});
