import type { CaseStore } from '#ports/case-store';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { Principal } from '#schemas/principal';
import type { ReviewCase } from '#schemas/review-case';
import type { CaseEventDraft } from './case-event-draft.ts';
import { CaseNotFoundError, CaseVersionConflictError } from './errors.ts';
import { assertMayWork } from './queue-access.ts';

const ATTEMPTS = 5;

/**
 * Reads a case, asks `plan` for the next event (none: nothing to do) and appends it; when another
 * writer got there first, reads again and asks again, so `plan` always judges the latest state.
 */
export async function updateCase(
  cases: CaseStore,
  tenant: string,
  caseId: string,
  plan: (current: ReviewCase) => CaseEventDraft | undefined,
): Promise<{ before: ReviewCase; after: ReviewCase; appended: boolean }> {
  let lastConflict: CaseVersionConflictError | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await cases.get(tenant, caseId);
    if (current === undefined) throw new CaseNotFoundError(caseId);
    const draft = plan(current);
    if (draft === undefined) return { before: current, after: current, appended: false };
    try {
      return { before: current, after: await cases.append(current, draft), appended: true };
    } catch (error) {
      if (!(error instanceof CaseVersionConflictError)) throw error;
      lastConflict = error;
    }
  }
  throw lastConflict as CaseVersionConflictError;
}

/** Updates a case as `updateCase` does, once the principal is found to work the case's queue. */
export async function updateWorkableCase(
  principal: Principal,
  caseId: string,
  dependencies: { cases: CaseStore; policies: ReviewPolicySource },
  plan: (current: ReviewCase) => CaseEventDraft | undefined,
): Promise<ReviewCase> {
  const policy = await dependencies.policies.policyFor(principal.tenant);
  const { after } = await updateCase(dependencies.cases, principal.tenant, caseId, (current) => {
    assertMayWork(policy, current.queue, principal);
    return plan(current);
  });
  return after;
}
