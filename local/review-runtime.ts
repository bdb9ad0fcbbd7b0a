import { join } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { DynamoDbIdempotencyStore } from '#adapters/dynamodb/dynamodb-idempotency-store';
import { DynamoDbReporterMutes } from '#adapters/dynamodb/dynamodb-reporter-mutes';
import { CaseAuditTable, CasesTable, localTableName } from '#adapters/dynamodb/table-definitions';
import { FileReviewPolicySource } from '#adapters/files/file-review-policy-source';
import { InProcessTimerService } from '#adapters/memory/in-process-timer-service';
import { ReviewQueue } from '#adapters/sqs/queue-definitions';
import { SqsReviewRequestSender } from '#adapters/sqs/sqs-review-request-sender';
import { fireSlaTimer, sweepSlaTimers } from '#core/review/fire-sla-timer';
import { pendingTimers } from '#core/review/sla-timers';
import { createReviewIntakeHandler } from '#handlers/sqs-intake-review-case';
import type { Clock } from '#ports/clock';
import type { ReviewRequestSender } from '#ports/review-request-sender';
import type { StrikeLedger } from '#ports/strike-ledger';
import type { VerdictStore } from '#ports/verdict-store';
import type { ReviewDependencies } from '#shared/review-dependencies';
import { LocalCaseNotifier } from './local-case-notifier.ts';
import type { LocalSqs } from './sqs-local.ts';
import { LOCAL_REGION } from './sqs-local.ts';
import { type SqsPoller, startSqsPoller } from './sqs-poller.ts';

export interface LocalReviewOptions {
  documents: DynamoDBDocumentClient;
  sqs: LocalSqs;
  verdicts: VerdictStore;
  /** The author ledger moderator removals and overturns go to. */
  strikes: StrikeLedger;
  clock: Clock;
  /** The folder holding `default.yaml` and any `<tenant>.yaml` review policy. */
  policiesDir: string;
  logger: Logger;
  metrics: Metrics;
  /** Where SLA warnings and breaches are printed. */
  log: (line: string) => void;
  caseWebhookUrl?: string;
  /** How often due timers are looked for, in real milliseconds. */
  timerPollMs?: number;
  /** How often the sweep looks for due timers a lost arming missed, in real milliseconds; a minute by default. */
  sweepIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/** The review service running in `patrol dev`: its dependencies, the sender ingest uses, and `stop()`. */
export interface LocalReview {
  dependencies: ReviewDependencies;
  reviewRequests: ReviewRequestSender;
  timers: InProcessTimerService;
  stop(): Promise<void>;
}

/**
 * Starts review locally: cases in dynalite, the intake handler behind a poller of the review queue,
 * SLA timers in process (re-armed from the open cases first, so they survive a restart) with a sweep
 * behind them, and notifications as log lines (and a webhook).
 */
export async function startLocalReview(options: LocalReviewOptions): Promise<LocalReview> {
  const { documents, clock, onError } = options;
  const cases = new DynamoDbCaseStore(documents, {
    cases: localTableName(CasesTable),
    audit: localTableName(CaseAuditTable),
  });
  const policies = new FileReviewPolicySource(options.policiesDir);
  const notifier = new LocalCaseNotifier({
    log: options.log,
    ...(options.caseWebhookUrl === undefined ? {} : { webhookUrl: options.caseWebhookUrl }),
    ...(onError ? { onError } : {}),
  });
  const slaDependencies = { cases, policies, notifier, clock };
  const timers = new InProcessTimerService({
    clock,
    ...(options.timerPollMs === undefined ? {} : { pollMs: options.timerPollMs }),
    onFire: async (timer) => {
      const outcome = await fireSlaTimer(timer, slaDependencies);
      if (outcome === 'warned') options.metrics.addMetric('SlaWarning', MetricUnit.Count, 1);
      if (outcome === 'breached' || outcome === 'escalated')
        options.metrics.addMetric('SlaBreach', MetricUnit.Count, 1);
    },
    ...(onError ? { onError: (error: unknown) => onError(error) } : {}),
  });
  for await (const reviewCase of cases.withPendingTimers()) await timers.arm(pendingTimers(reviewCase));
  timers.start();
  const sweep = setInterval(() => {
    sweepSlaTimers(slaDependencies).catch((error: unknown) => onError?.(error));
  }, options.sweepIntervalMs ?? 60_000);
  sweep.unref();

  const dependencies: ReviewDependencies = {
    cases,
    policies,
    mutes: new DynamoDbReporterMutes(documents, localTableName(CasesTable)),
    idempotency: new DynamoDbIdempotencyStore(documents, localTableName(CasesTable)),
    verdicts: options.verdicts,
    timers,
    notifier,
    strikes: options.strikes,
    clock,
  };
  const reviewQueue = options.sqs.queue(ReviewQueue.id);
  const senderClient: SQSClient = options.sqs.createClient();
  const pollerClient = options.sqs.createClient();
  const poller: SqsPoller = startSqsPoller({
    client: pollerClient,
    queue: reviewQueue,
    region: LOCAL_REGION,
    handler: createReviewIntakeHandler({
      ...dependencies,
      observability: { logger: options.logger, metrics: options.metrics },
    }),
    concurrency: 1,
    functionName: 'patrol-intake-review-case',
    ...(onError ? { onError } : {}),
  });
  return {
    dependencies,
    reviewRequests: new SqsReviewRequestSender(senderClient, reviewQueue.queueUrl),
    timers,
    async stop() {
      clearInterval(sweep);
      await poller.stop();
      await timers.stop();
      pollerClient.destroy();
      senderClient.destroy();
    },
  };
}

/** The review policies shipped with the repository, beside the rule packs. */
export function reviewPoliciesDir(policiesDir: string): string {
  return join(policiesDir, 'review');
}
