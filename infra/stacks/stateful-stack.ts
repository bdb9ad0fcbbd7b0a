import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import {
  CaseAuditTable,
  CasesTable,
  MlBudgetTable,
  OffendersTable,
  RejectionsTable,
  type TableDefinition,
  TableDefinitions,
  VerdictsTable,
} from '#adapters/dynamodb/table-definitions';
import { IngestQueue, ReviewQueue } from '#adapters/sqs/queue-definitions';
import { dataRemovalPolicy, isDisposableStage, type StageConfig } from '../config.ts';
import { SignalKeysSecret } from '../constructs/ingest/signal-keys-secret.ts';
import { AlarmTopic } from '../constructs/observability/alarm-topic.ts';
import { QueueAlarms } from '../constructs/observability/queue-alarms.ts';
import { DefinedQueue } from '../constructs/shared/defined-queue.ts';
import { DefinedTable } from '../constructs/shared/defined-table.ts';
import { VerdictEventBus } from '../constructs/verdict-events/verdict-event-bus.ts';
import { InfraError } from '../errors.ts';
import { deadLetterQueueUrlOutput, queueUrlOutput, tableNameOutput } from '../stack-outputs.ts';

/** What the stateful stack hands to the stateless one. */
export interface StatefulResources {
  verdictsTable: DefinedTable;
  rejectionsTable: DefinedTable;
  /** Each tenant's paid ML units per day; created in every stage, used when the stage turns Comprehend on. */
  mlBudgetTable: DefinedTable;
  /** The author ledger: strikes, enforcement events (streamed to platforms), posts, links and caps. */
  offendersTable: DefinedTable;
  ingestQueue: DefinedQueue;
  /** Review cases (projections, pointers, mutes, idempotency records) and their append-only audit log. */
  casesTable: DefinedTable;
  caseAuditTable: DefinedTable;
  /** Borderline verdicts and reports on their way to review intake. */
  reviewQueue: DefinedQueue;
  /** Where SLA warnings and breaches are published for leads. */
  slaTopic: Topic;
  signalKeys: SignalKeysSecret;
  /** The stage's key: the secret, the alarm topic and, when so configured, the ingest queue use it. */
  key: Key;
  verdictEvents: VerdictEventBus;
  alarmTopic: AlarmTopic;
  /** The alarms made here (they already notify the topic), for the dashboard's status widget. */
  alarms: IAlarm[];
}

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/**
 * Everything that holds data and outlives a deployment: the stage's KMS key, the tables from
 * `TableDefinitions`, the ingest queue and its DLQ, the signal-keys secret, the verdict event bus
 * and the alarm topic.
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;
  readonly #tables = new Map<string, DefinedTable>();

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = dataRemovalPolicy(config);
    const disposable = isDisposableStage(config.stage);

    const key = new Key(this, 'Key', {
      alias: `alias/patrol-${config.stage}`,
      description: `Patrol ${config.stage}: signal keys, alarm notifications${config.ingestQueueEncryption === 'kms' ? ', ingest queue' : ''}`,
      enableKeyRotation: true,
      removalPolicy,
      ...(disposable ? { pendingWindow: Duration.days(7) } : {}),
    });

    for (const definition of TableDefinitions) {
      this.#tables.set(
        definition.id,
        new DefinedTable(this, `${pascalCase(definition.id)}Table`, {
          definition,
          removalPolicy,
          deletionProtection: !disposable,
        }),
      );
    }

    const ingestQueue = new DefinedQueue(this, 'IngestQueue', {
      definition: IngestQueue,
      stage: config.stage,
      removalPolicy,
      ...(config.ingestQueueEncryption === 'kms' ? { encryptionKey: key } : {}),
    });
    const reviewQueue = new DefinedQueue(this, 'ReviewQueue', {
      definition: ReviewQueue,
      stage: config.stage,
      removalPolicy,
    });
    const slaTopic = new Topic(this, 'SlaTopic', {
      displayName: `Patrol ${config.stage} SLA warnings and breaches`,
      masterKey: key,
      enforceSSL: true,
    });
    const verdictEvents = new VerdictEventBus(this, 'VerdictEvents', { stage: config.stage, removalPolicy });
    const alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      stage: config.stage,
      encryptionKey: key,
      ...(config.alarmEmail === undefined ? {} : { email: config.alarmEmail }),
    });
    const ingestQueueAlarms = new QueueAlarms(this, 'IngestQueueAlarms', {
      carries: 'submissions',
      topic: alarmTopic,
      queue: ingestQueue.queue,
      deadLetterQueue: ingestQueue.deadLetterQueue,
    });
    const reviewQueueAlarms = new QueueAlarms(this, 'ReviewQueueAlarms', {
      carries: 'review requests',
      topic: alarmTopic,
      queue: reviewQueue.queue,
      deadLetterQueue: reviewQueue.deadLetterQueue,
    });
    const verdictEventAlarms = new QueueAlarms(this, 'VerdictEventAlarms', {
      carries: 'verdict event batches',
      topic: alarmTopic,
      deadLetterQueue: verdictEvents.failedDeliveries,
    });

    this.resources = {
      verdictsTable: this.table(VerdictsTable),
      rejectionsTable: this.table(RejectionsTable),
      mlBudgetTable: this.table(MlBudgetTable),
      offendersTable: this.table(OffendersTable),
      ingestQueue,
      casesTable: this.table(CasesTable),
      caseAuditTable: this.table(CaseAuditTable),
      reviewQueue,
      slaTopic,
      signalKeys: new SignalKeysSecret(this, 'SignalKeys', {
        stage: config.stage,
        encryptionKey: key,
        removalPolicy,
      }),
      key,
      verdictEvents,
      alarmTopic,
      alarms: [ingestQueueAlarms, reviewQueueAlarms, verdictEventAlarms].flatMap(
        (queueAlarms) => queueAlarms.alarms,
      ),
    };

    new CfnOutput(this, queueUrlOutput(IngestQueue), {
      description: 'Where platforms send submissions',
      value: ingestQueue.queue.queueUrl,
    });
    new CfnOutput(this, deadLetterQueueUrlOutput(IngestQueue), {
      description: 'Where refused submissions wait; patrol dlq list and replay read it',
      value: ingestQueue.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, tableNameOutput(RejectionsTable), {
      description: 'Why each dead-lettered submission was refused, by message id',
      value: this.resources.rejectionsTable.tableName,
    });
    new CfnOutput(this, 'IngestQueueArn', {
      description: 'The resource of the sqs:SendMessage statement a platform sender needs',
      value: ingestQueue.queue.queueArn,
    });
    new CfnOutput(this, 'VerdictEventBusName', {
      description: 'Where platforms receive verdict events (source patrol, detail type verdict.decided)',
      value: verdictEvents.bus.eventBusName,
    });
    new CfnOutput(this, 'SignalKeysSecretArn', {
      description: 'The per-tenant HMAC keys for identity signals',
      value: this.resources.signalKeys.secretArn,
    });
    new CfnOutput(this, 'KeyArn', {
      description:
        'The stage key (kms:GenerateDataKey and kms:Decrypt for senders when the ingest queue uses it)',
      value: key.keyArn,
    });
  }

  /** The table built from a definition in `TableDefinitions`. */
  table(definition: TableDefinition): DefinedTable {
    const table = this.#tables.get(definition.id);
    if (table === undefined) throw new InfraError(`table ${definition.id} is not in TableDefinitions`);
    return table;
  }
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}
