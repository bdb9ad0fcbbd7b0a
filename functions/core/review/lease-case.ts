import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { Principal } from '#schemas/principal';
import type { ReviewCase } from '#schemas/review-case';
import { DEFAULT_LEASE_MS, planRelease, planRenewal } from './claims.ts';
import { updateWorkableCase } from './update-case.ts';

/** What renewing and releasing need. */
export interface LeaseDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  clock: Clock;
  leaseMs?: number;
}

/** Extends the principal's lease on a case they hold under `claimVersion` (when given). */
export function renewLease(
  principal: Principal,
  caseId: string,
  claimVersion: number | undefined,
  dependencies: LeaseDependencies,
): Promise<ReviewCase> {
  return updateWorkableCase(principal, caseId, dependencies, (current) =>
    planRenewal(
      current,
      principal.userId,
      claimVersion,
      dependencies.clock.now(),
      dependencies.leaseMs ?? DEFAULT_LEASE_MS,
    ),
  );
}

/** Hands a case the principal holds back to its queue. */
export function releaseCase(
  principal: Principal,
  caseId: string,
  claimVersion: number | undefined,
  dependencies: LeaseDependencies,
): Promise<ReviewCase> {
  return updateWorkableCase(principal, caseId, dependencies, (current) =>
    planRelease(current, principal.userId, claimVersion, dependencies.clock.now()),
  );
}
