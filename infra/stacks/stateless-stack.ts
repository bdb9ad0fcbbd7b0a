import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { dataRemovalPolicy, type StageConfig } from '../config.ts';
import { IngestFunction } from '../constructs/ingest/ingest-function.ts';
import { VerdictEventPublisher } from '../constructs/verdict-events/verdict-event-publisher.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps, StatefulResources {
  config: StageConfig;
}

/** The functions and their event sources; safe to destroy and redeploy, since it holds no data. */
export class StatelessStack extends Stack {
  readonly ingest: IngestFunction;
  readonly verdictEventPublisher: VerdictEventPublisher;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logs = { logRetention: config.logRetentionDays, logRemovalPolicy: dataRemovalPolicy(config) };
    this.ingest = new IngestFunction(this, 'Ingest', {
      stage: config.stage,
      queue: props.ingestQueue,
      verdictsTable: props.verdictsTable,
      rejectionsTable: props.rejectionsTable,
      signalKeys: props.signalKeys,
      signalKeysKey: props.key,
      ...logs,
    });
    this.verdictEventPublisher = new VerdictEventPublisher(this, 'VerdictEventPublisher', {
      stage: config.stage,
      verdictsTable: props.verdictsTable,
      bus: props.verdictEvents.bus,
      failedDeliveries: props.verdictEvents.failedDeliveries,
      alarmTopic: props.alarmTopic,
      ...logs,
    });
  }
}
