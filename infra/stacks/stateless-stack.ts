import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { REVIEW_QUEUE_URL } from '#shared/ingest-dependencies';
import { dataRemovalPolicy, type StageConfig } from '../config.ts';
import { allowComprehend } from '../constructs/ingest/comprehend-access.ts';
import { IngestFunction } from '../constructs/ingest/ingest-function.ts';
import { SignalKeyProvisioning } from '../constructs/ingest/signal-key-provisioning.ts';
import { PatrolObservability } from '../constructs/observability/patrol-observability.ts';
import { publishEnforcementEvents } from '../constructs/offenders/enforcement-event-source.ts';
import { allowOffenderLedger } from '../constructs/offenders/offender-ledger-access.ts';
import { ModerationApi } from '../constructs/review/moderation-api.ts';
import { ReviewIntakeFunction } from '../constructs/review/review-intake-function.ts';
import { SlaTimers } from '../constructs/review/sla-timers.ts';
import { VerdictEventPublisher } from '../constructs/verdict-events/verdict-event-publisher.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps, StatefulResources {
  config: StageConfig;
}

/**
 * The functions, their event sources, the signal-key provisioning, the dashboard and the functions'
 * alarms; safe to destroy and redeploy, since it holds no data.
 */
export class StatelessStack extends Stack {
  /** The dashboard and alarms; each part adds its widgets, functions, queues and alarms to it. */
  readonly observability: PatrolObservability;
  readonly signalKeyProvisioning: SignalKeyProvisioning;
  readonly ingest: IngestFunction;
  readonly verdictEventPublisher: VerdictEventPublisher;
  readonly slaTimers: SlaTimers;
  readonly reviewIntake: ReviewIntakeFunction;
  readonly moderationApi: ModerationApi;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logs = { logRetention: config.logRetentionDays, logRemovalPolicy: dataRemovalPolicy(config) };
    this.observability = new PatrolObservability(this, 'Observability', {
      stage: config.stage,
      alarmTopic: props.alarmTopic,
    });
    this.observability.showAlarms(...props.alarms);
    this.signalKeyProvisioning = new SignalKeyProvisioning(this, 'SignalKeyProvisioning', {
      stage: config.stage,
      tenants: config.tenants,
      signalKeys: props.signalKeys,
      signalKeysKey: props.key,
      ...logs,
    });
    this.ingest = new IngestFunction(this, 'Ingest', {
      stage: config.stage,
      queue: props.ingestQueue,
      verdictsTable: props.verdictsTable,
      rejectionsTable: props.rejectionsTable,
      signalKeys: props.signalKeys,
      signalKeysKey: props.key,
      ...logs,
    });
    allowOffenderLedger(this.ingest.handler, props.offendersTable);
    // Submissions are only read once every tenant has a key to hash its signals with.
    this.ingest.node.addDependency(this.signalKeyProvisioning.resource);
    if (config.comprehend.enabled) {
      allowComprehend(this.ingest.handler, config.comprehend, props.mlBudgetTable);
    }
    // Borderline verdicts and reports go on to review.
    this.ingest.handler.function.addEnvironment(REVIEW_QUEUE_URL, props.reviewQueue.queue.queueUrl);
    props.reviewQueue.queue.grantSendMessages(this.ingest.handler.role);
    const reviewStores = {
      casesTable: props.casesTable,
      caseAuditTable: props.caseAuditTable,
      verdictsTable: props.verdictsTable,
      slaTopic: props.slaTopic,
      key: props.key,
    };
    this.slaTimers = new SlaTimers(this, 'SlaTimers', { stage: config.stage, ...reviewStores, ...logs });
    this.reviewIntake = new ReviewIntakeFunction(this, 'ReviewIntake', {
      stage: config.stage,
      queue: props.reviewQueue,
      slaTimers: this.slaTimers,
      ...reviewStores,
      ...logs,
    });
    this.moderationApi = new ModerationApi(this, 'ModerationApi', {
      stage: config.stage,
      slaTimers: this.slaTimers,
      ...reviewStores,
      ...logs,
    });
    // Removals and overturned appeals move the author's strikes.
    for (const handler of [this.slaTimers.handler, this.reviewIntake.handler, this.moderationApi.handler]) {
      allowOffenderLedger(handler, props.offendersTable);
    }
    this.verdictEventPublisher = new VerdictEventPublisher(this, 'VerdictEventPublisher', {
      stage: config.stage,
      verdictsTable: props.verdictsTable,
      bus: props.verdictEvents.bus,
      failedDeliveries: props.verdictEvents.failedDeliveries,
      alarmTopic: props.alarmTopic,
      ...logs,
    });
    publishEnforcementEvents(
      this.verdictEventPublisher.handler,
      props.offendersTable,
      props.verdictEvents.failedDeliveries,
    );
    this.observability.showAlarms(this.verdictEventPublisher.streamFallingBehind);

    this.observability.watchIngest({ queue: props.ingestQueue.queue, handler: this.ingest.handler });
    if (config.comprehend.enabled) this.observability.watchComprehend(this.ingest.handler);
    this.observability.watchQueue({
      label: 'ingest',
      queue: props.ingestQueue.queue,
      deadLetterQueue: props.ingestQueue.deadLetterQueue,
    });
    this.observability.watchQueue({
      label: 'verdict events (failed deliveries)',
      deadLetterQueue: props.verdictEvents.failedDeliveries,
    });
    for (const handler of [
      this.ingest.handler,
      this.verdictEventPublisher.handler,
      this.signalKeyProvisioning.handler,
      this.slaTimers.handler,
      this.reviewIntake.handler,
      this.moderationApi.handler,
    ]) {
      this.observability.watchFunction(handler);
    }
  }
}
