import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DefinedQueue } from '../shared/defined-queue.ts';
import { PatrolFunction } from '../shared/patrol-function.ts';
import { grantReviewStores, type ReviewStores, reviewEnvironment } from './review-access.ts';
import type { SlaTimers } from './sla-timers.ts';

export interface ReviewIntakeFunctionProps extends ReviewStores {
  stage: string;
  queue: DefinedQueue;
  slaTimers: SlaTimers;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

/** The review intake Lambda: turns each message of the review queue into a case and arms its SLA timers. */
export class ReviewIntakeFunction extends Construct {
  readonly handler: PatrolFunction;

  constructor(scope: Construct, id: string, props: ReviewIntakeFunctionProps) {
    super(scope, id);
    const { definition } = props.queue;
    this.handler = new PatrolFunction(this, 'Handler', {
      handler: 'sqs-intake-review-case',
      description: 'Patrol review intake: opens cases from borderline verdicts and user reports',
      serviceName: 'patrol-review-intake',
      stage: props.stage,
      timeout: Duration.seconds(definition.consumerTimeoutSeconds),
      memorySize: 256,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      withPolicies: true,
      environment: { ...reviewEnvironment(props), ...props.slaTimers.schedulerEnvironment() },
    });
    grantReviewStores(this.handler.role, props);
    props.slaTimers.grantArming(this.handler.role);
    this.handler.function.addEventSource(
      new SqsEventSource(props.queue.queue, {
        batchSize: definition.batchSize,
        maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: 5,
      }),
    );
  }
}
