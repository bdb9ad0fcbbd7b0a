import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { TimerService } from '#ports/timer-service';
import type { VerdictStore } from '#ports/verdict-store';
import type { Principal } from '#schemas/principal';
import type { CaseOpening, ReviewCase } from '#schemas/review-case';
import { appealCaseId, verdictCaseId } from './case-id.ts';
import { CaseVersionConflictError, NothingToAppealError, RoleForbiddenError } from './errors.ts';
import { dueTimes, routeCase } from './queue-policy.ts';
import { pendingTimers } from './sla-timers.ts';

/** A platform's appeal of the verdict on one content item (its latest version unless named). */
export interface AppealRequest {
  contentId: string;
  version?: number;
  statement?: string;
}

/** What an appeal needs. */
export interface AppealDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  verdicts: Pick<VerdictStore, 'get'>;
  timers: TimerService;
  clock: Clock;
}

const APPEAL_PRIORITY = 'P3';

/**
 * Opens the appeal case of a verdict in the queue routing sends appeals to (one case per content
 * version: appealing twice finds the first). Leads and admins (a platform's service account) may appeal.
 */
export async function submitAppeal(
  principal: Principal,
  appeal: AppealRequest,
  dependencies: AppealDependencies,
): Promise<{ reviewCase: ReviewCase; created: boolean }> {
  if (principal.role === 'moderator') throw new RoleForbiddenError(principal.role, 'submit appeals');
  const { tenant } = principal;
  const history = await dependencies.verdicts.get(tenant, appeal.contentId);
  const appealed =
    appeal.version === undefined
      ? history?.latest
      : history?.history.filter((verdict) => verdict.version === appeal.version).at(-1);
  if (appealed === undefined) throw new NothingToAppealError(appeal.contentId, false);
  if (appealed.decision === 'review') throw new NothingToAppealError(appeal.contentId, true);
  const caseId = appealCaseId(tenant, appeal.contentId, appealed.version);
  const existing = await dependencies.cases.get(tenant, caseId);
  if (existing !== undefined) return { reviewCase: existing, created: false };

  const policy = await dependencies.policies.policyFor(tenant);
  const reviewed = await dependencies.cases.get(
    tenant,
    verdictCaseId(tenant, appeal.contentId, appealed.version),
  );
  const now = dependencies.clock.now();
  const queue = routeCase(policy, { source: 'appeal', kind: appealed.kind });
  const opening: CaseOpening = {
    tenant,
    caseId,
    source: 'appeal',
    subject: { type: 'content', contentId: appeal.contentId },
    queue,
    priority: APPEAL_PRIORITY,
    createdAt: now.toISOString(),
    ...dueTimes(policy, queue, APPEAL_PRIORITY, now),
    ...(reviewed?.severity === undefined ? {} : { severity: reviewed.severity }),
    ...(reviewed?.snapshot === undefined ? {} : { snapshot: reviewed.snapshot }),
    ...(reviewed?.author === undefined ? {} : { author: reviewed.author }),
    reasons: appealed.reasons,
    verdictDecision: appealed.decision,
    reportCount: 0,
    reporters: [],
    appeal: {
      appealedDecision: appealed.decision,
      appealedDecider: appealed.decidedBy.type === 'auto' ? 'auto' : appealed.decidedBy.moderatorId,
      ...(appeal.statement === undefined ? {} : { statement: appeal.statement }),
    },
  };
  try {
    const reviewCase = await dependencies.cases.append(undefined, {
      tenant,
      caseId,
      type: 'case.opened',
      at: opening.createdAt,
      actor: { type: 'moderator', moderatorId: principal.userId },
      opening,
    });
    await dependencies.timers.arm(pendingTimers(reviewCase));
    return { reviewCase, created: true };
  } catch (error) {
    if (!(error instanceof CaseVersionConflictError)) throw error;
    const stored = await dependencies.cases.get(tenant, caseId);
    if (stored === undefined) throw error;
    return { reviewCase: stored, created: false };
  }
}
