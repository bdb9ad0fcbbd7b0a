import { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { CaseAuditTable, CasesTable, localTableName } from '#adapters/dynamodb/table-definitions';
import { type SlaTimer, timerName } from '#core/review/sla-timers';
import type { DynamoDbLocal } from '#local/dynamodb-local';
import type { CaseNotification, CaseNotifier } from '#ports/case-notifier';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { TimerService } from '#ports/timer-service';
import type { CaseOpening, ReviewCase } from '#schemas/review-case';
import type { ReviewPolicy } from '#schemas/review-policy';
import { aCaseOpening, defaultReviewPolicy } from './review-cases.ts';

/** The case store over a local DynamoDB's tables. */
export function caseStoreOn(dynamo: DynamoDbLocal): DynamoDbCaseStore {
  return new DynamoDbCaseStore(dynamo.documentClient, {
    cases: localTableName(CasesTable),
    audit: localTableName(CaseAuditTable),
  });
}

/** A policy source that serves one policy to every tenant (the default policy unless given). */
export function aPolicySource(policy: ReviewPolicy = defaultReviewPolicy()): ReviewPolicySource {
  return { policyFor: async () => policy };
}

/** Opens a case in a store with its first event, as intake would. */
export function openCaseIn(
  store: DynamoDbCaseStore,
  overrides: Partial<CaseOpening> = {},
): Promise<ReviewCase> {
  const opening = aCaseOpening(overrides);
  return store.append(undefined, {
    tenant: opening.tenant,
    caseId: opening.caseId,
    type: 'case.opened',
    at: opening.createdAt,
    actor: { type: 'system' },
    opening,
  });
}

/** A notifier that keeps what it was told. */
export class RecordingNotifier implements CaseNotifier {
  readonly notifications: CaseNotification[] = [];

  async notify(notification: CaseNotification): Promise<void> {
    this.notifications.push(notification);
  }
}

/** Timers that only remember what is armed, by name. */
export class RecordingTimers implements TimerService {
  readonly armed = new Map<string, SlaTimer>();

  async arm(timers: readonly SlaTimer[]): Promise<void> {
    for (const timer of timers) this.armed.set(timerName(timer), timer);
  }

  async cancel(timers: readonly SlaTimer[]): Promise<void> {
    for (const timer of timers) this.armed.delete(timerName(timer));
  }
}
