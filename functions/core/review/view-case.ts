import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { VerdictStore } from '#ports/verdict-store';
import type { Principal } from '#schemas/principal';
import type { Report, ReviewCase } from '#schemas/review-case';
import type { Verdict } from '#schemas/verdict';
import { currentStatus } from './case-projection.ts';
import { AuditUnavailableError, CaseNotFoundError } from './errors.ts';
import { assertMayWork } from './queue-access.ts';

/** What opening a case needs. */
export interface ViewDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  verdicts: Pick<VerdictStore, 'get'>;
  clock: Clock;
}

/** A case as a moderator opens it: the case, its content's verdict history and the reports about it. */
export interface CaseView {
  reviewCase: ReviewCase;
  /** The status at the time of reading: a claim whose lease ran out shows as waiting. */
  status: ReviewCase['status'];
  verdictHistory: Verdict[];
  reports: (Report & { muted: boolean })[];
}

/**
 * Opens a case's content for the principal: the view is written to the audit log first, and when it
 * cannot be, nothing is shown (AuditUnavailableError). Another queue's case is refused before any read of content.
 */
export async function viewCase(
  principal: Principal,
  caseId: string,
  dependencies: ViewDependencies,
): Promise<CaseView> {
  const reviewCase = await dependencies.cases.get(principal.tenant, caseId);
  if (reviewCase === undefined) throw new CaseNotFoundError(caseId);
  assertMayWork(await dependencies.policies.policyFor(principal.tenant), reviewCase.queue, principal);
  const now = dependencies.clock.now();
  try {
    await dependencies.cases.recordView(principal.tenant, caseId, principal.userId, now);
  } catch (error) {
    throw new AuditUnavailableError({ cause: error });
  }
  const [history, reports] = await Promise.all([
    reviewCase.subject.type === 'content'
      ? dependencies.verdicts.get(principal.tenant, reviewCase.subject.contentId)
      : Promise.resolve(undefined),
    dependencies.cases.reports(principal.tenant, reviewCase.subject),
  ]);
  return {
    reviewCase,
    status: currentStatus(reviewCase, now),
    verdictHistory: history?.history ?? [],
    reports: reports.map(({ caseId: _caseId, ...report }) => report),
  };
}
