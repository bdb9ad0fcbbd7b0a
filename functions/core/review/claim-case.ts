import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { Principal } from '#schemas/principal';
import type { ReviewCase } from '#schemas/review-case';
import { DEFAULT_LEASE_MS, planClaim } from './claims.ts';
import { CaseConflictError, CaseVersionConflictError } from './errors.ts';
import { assertMayWork, workableQueues } from './queue-access.ts';
import { updateWorkableCase } from './update-case.ts';

/** What claiming needs. */
export interface ClaimDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  clock: Clock;
  leaseMs?: number;
}

const CANDIDATES_PER_QUEUE = 5;

/** Claims one case for the principal under a lease; refuses another queue's case and a case someone holds. */
export function claimCase(
  principal: Principal,
  caseId: string,
  dependencies: ClaimDependencies,
): Promise<ReviewCase> {
  return updateWorkableCase(principal, caseId, dependencies, (current) =>
    planClaim(current, principal.userId, dependencies.clock.now(), dependencies.leaseMs ?? DEFAULT_LEASE_MS),
  );
}

/**
 * Claims the most urgent case (priority, then dueAt) nobody holds among the queues the principal
 * works, or in `queue` only; undefined when there is none. A case someone else takes first is skipped.
 */
export async function claimNextCase(
  principal: Principal,
  dependencies: ClaimDependencies,
  queue?: string,
): Promise<ReviewCase | undefined> {
  const policy = await dependencies.policies.policyFor(principal.tenant);
  if (queue !== undefined) assertMayWork(policy, queue, principal);
  const queues = queue === undefined ? workableQueues(policy, principal) : [queue];
  const now = dependencies.clock.now();
  const found = await Promise.all(
    queues.map((name) => dependencies.cases.available(principal.tenant, name, now, CANDIDATES_PER_QUEUE)),
  );
  const candidates = found.flat().sort((a, b) => urgency(a).localeCompare(urgency(b)));
  for (const candidate of candidates) {
    try {
      const draft = planClaim(candidate, principal.userId, now, dependencies.leaseMs ?? DEFAULT_LEASE_MS);
      if (draft === undefined) return candidate;
      return await dependencies.cases.append(candidate, draft);
    } catch (error) {
      // Someone else claimed or decided it since the index was read: try the next one.
      if (error instanceof CaseVersionConflictError || error instanceof CaseConflictError) continue;
      throw error;
    }
  }
  return undefined;
}

function urgency(reviewCase: ReviewCase): string {
  return `${reviewCase.priority}#${reviewCase.dueAt}#${reviewCase.caseId}`;
}
