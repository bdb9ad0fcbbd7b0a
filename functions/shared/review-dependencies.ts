import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { DynamoDbIdempotencyStore } from '#adapters/dynamodb/dynamodb-idempotency-store';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { DynamoDbReporterMutes } from '#adapters/dynamodb/dynamodb-reporter-mutes';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import {
  CaseAuditTable,
  CasesTable,
  OffendersTable,
  VerdictsTable,
} from '#adapters/dynamodb/table-definitions';
import { FileOffenderPolicySource } from '#adapters/files/file-offender-policy-source';
import { FileReviewPolicySource } from '#adapters/files/file-review-policy-source';
import { EventBridgeSchedulerTimerService } from '#adapters/scheduler/eventbridge-scheduler-timer-service';
import { SnsCaseNotifier } from '#adapters/sns/sns-case-notifier';
import { SystemClock } from '#adapters/system/system-clock';
import type { CaseNotifier } from '#ports/case-notifier';
import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { IdempotencyStore } from '#ports/idempotency-store';
import type { ReporterMutes } from '#ports/reporter-mutes';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { StrikeLedger } from '#ports/strike-ledger';
import type { TimerService } from '#ports/timer-service';
import type { VerdictStore } from '#ports/verdict-store';
import { ConfigurationError } from './errors.ts';
import { offenderStrikeLedger } from './offender-strike-ledger.ts';

/** The schedule group of the SLA timers. */
export const SLA_SCHEDULE_GROUP = 'SLA_SCHEDULE_GROUP';
/** The SLA function the schedules invoke. */
export const SLA_TARGET_ARN = 'SLA_TARGET_ARN';
/** The role Scheduler assumes to invoke it. */
export const SLA_SCHEDULER_ROLE_ARN = 'SLA_SCHEDULER_ROLE_ARN';
/** The SNS topic SLA warnings and breaches go to. */
export const SLA_TOPIC_ARN = 'SLA_TOPIC_ARN';
/** The folder of the review policies; `policies/review` beside the bundle by default. */
export const REVIEW_POLICIES_DIR = 'REVIEW_POLICIES_DIR';

/** Everything the review functions (intake, SLA, API) use, built once per Lambda. */
export interface ReviewDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  mutes: ReporterMutes;
  idempotency: IdempotencyStore;
  verdicts: VerdictStore;
  timers: TimerService;
  notifier: CaseNotifier;
  strikes: StrikeLedger;
  clock: Clock;
}

/** The review functions' dependencies on AWS, from the environment the CDK app sets. */
export function createReviewDependencies(env: NodeJS.ProcessEnv = process.env): ReviewDependencies {
  const required = [
    CasesTable.envVar,
    CaseAuditTable.envVar,
    VerdictsTable.envVar,
    OffendersTable.envVar,
    SLA_TOPIC_ARN,
  ];
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigurationError(missing);
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const clock = new SystemClock();
  const bundledPolicies = join(dirname(fileURLToPath(import.meta.url)), 'policies');
  const casesTable = env[CasesTable.envVar] as string;
  return {
    cases: new DynamoDbCaseStore(documents, {
      cases: casesTable,
      audit: env[CaseAuditTable.envVar] as string,
    }),
    policies: new FileReviewPolicySource(env[REVIEW_POLICIES_DIR] || join(bundledPolicies, 'review')),
    mutes: new DynamoDbReporterMutes(documents, casesTable),
    idempotency: new DynamoDbIdempotencyStore(documents, casesTable),
    verdicts: new DynamoDbVerdictStore(documents, env[VerdictsTable.envVar] as string),
    timers: schedulerTimers(env, clock),
    notifier: new SnsCaseNotifier(new SNSClient({}), env[SLA_TOPIC_ARN] as string),
    strikes: offenderStrikeLedger({
      store: new DynamoDbOffenderStore(documents, env[OffendersTable.envVar] as string),
      policies: new FileOffenderPolicySource(join(bundledPolicies, 'tenants')),
      clock,
    }),
    clock,
  };
}

/**
 * SLA timers on EventBridge Scheduler. The SLA function itself arms none (a breach re-arms nothing),
 * so it is deployed without the scheduler settings, which would name the function in its own settings.
 */
function schedulerTimers(env: NodeJS.ProcessEnv, clock: Clock): TimerService {
  const settings = [SLA_SCHEDULE_GROUP, SLA_TARGET_ARN, SLA_SCHEDULER_ROLE_ARN];
  const missing = settings.filter((name) => !env[name]);
  if (missing.length > 0) {
    const refuse = async (): Promise<never> => {
      throw new ConfigurationError(missing);
    };
    return { arm: refuse, cancel: refuse };
  }
  return new EventBridgeSchedulerTimerService(new SchedulerClient({}), {
    groupName: env[SLA_SCHEDULE_GROUP] as string,
    targetArn: env[SLA_TARGET_ARN] as string,
    roleArn: env[SLA_SCHEDULER_ROLE_ARN] as string,
    clock,
  });
}
