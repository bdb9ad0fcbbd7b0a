import type { ReviewCase } from '#schemas/review-case';
import type { CaseEventDraftOf as EventDraft } from './case-event-draft.ts';
import { leaseHolds } from './case-projection.ts';
import {
  CaseClosedError,
  CaseHeldError,
  CaseNotClaimedError,
  OwnAppealError,
  StaleClaimError,
} from './errors.ts';

/** How long a claim holds a case unless renewed: ten minutes. */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * The event that gives a moderator the case, or undefined when they already hold it. Refuses a decided
 * case, and a case another moderator holds under a live lease (naming the holder); an expired lease
 * passes the case on, recording whose it was.
 */
export function planClaim(
  reviewCase: ReviewCase,
  moderatorId: string,
  now: Date,
  leaseMs = DEFAULT_LEASE_MS,
): EventDraft<'case.claimed'> | undefined {
  if (reviewCase.status === 'decided') throw new CaseClosedError(reviewCase.caseId);
  const { claim } = reviewCase;
  if (claim !== undefined && leaseHolds(reviewCase, now)) {
    if (claim.moderatorId === moderatorId) return undefined;
    throw new CaseHeldError(reviewCase.caseId, claim.moderatorId, claim.leaseExpiresAt);
  }
  if (reviewCase.appeal?.appealedDecider === moderatorId)
    throw new OwnAppealError(reviewCase.caseId, moderatorId);
  return {
    ...moderatorAction(reviewCase, 'case.claimed', moderatorId, now),
    leaseExpiresAt: leaseEnd(now, leaseMs),
    ...(claim === undefined ? {} : { previousHolder: claim.moderatorId }),
  };
}

/**
 * Checks that `moderatorId` still holds the case under `claimVersion` (the fencing token handed out at
 * the claim). A lease that ran out still holds until someone else claims the case; once they have, the
 * old holder's token is stale and everything it attempts is refused.
 */
export function assertHolds(
  reviewCase: ReviewCase,
  moderatorId: string,
  claimVersion: number | undefined,
): void {
  if (reviewCase.status === 'decided') throw new CaseClosedError(reviewCase.caseId);
  const { claim } = reviewCase;
  if (claim === undefined) {
    if (claimVersion !== undefined) throw new StaleClaimError(reviewCase.caseId, claimVersion, undefined);
    throw new CaseNotClaimedError(reviewCase.caseId);
  }
  if (claim.moderatorId !== moderatorId) {
    if (claimVersion !== undefined)
      throw new StaleClaimError(reviewCase.caseId, claimVersion, claim.moderatorId, claim.version);
    throw new CaseHeldError(reviewCase.caseId, claim.moderatorId, claim.leaseExpiresAt);
  }
  if (claimVersion !== undefined && claimVersion !== claim.version)
    throw new StaleClaimError(reviewCase.caseId, claimVersion, claim.moderatorId, claim.version);
}

/** The event that extends the caller's lease by `leaseMs` from now. */
export function planRenewal(
  reviewCase: ReviewCase,
  moderatorId: string,
  claimVersion: number | undefined,
  now: Date,
  leaseMs = DEFAULT_LEASE_MS,
): EventDraft<'case.lease-renewed'> {
  assertHolds(reviewCase, moderatorId, claimVersion);
  return {
    ...moderatorAction(reviewCase, 'case.lease-renewed', moderatorId, now),
    leaseExpiresAt: leaseEnd(now, leaseMs),
  };
}

/** The event that hands the case back to its queue. */
export function planRelease(
  reviewCase: ReviewCase,
  moderatorId: string,
  claimVersion: number | undefined,
  now: Date,
): EventDraft<'case.released'> {
  assertHolds(reviewCase, moderatorId, claimVersion);
  return moderatorAction(reviewCase, 'case.released', moderatorId, now);
}

/** The fields every claim event shares: the case, the moment, and the moderator as actor and subject. */
function moderatorAction<T extends 'case.claimed' | 'case.lease-renewed' | 'case.released'>(
  reviewCase: ReviewCase,
  type: T,
  moderatorId: string,
  now: Date,
) {
  return {
    tenant: reviewCase.tenant,
    caseId: reviewCase.caseId,
    type,
    at: now.toISOString(),
    actor: { type: 'moderator' as const, moderatorId },
    moderatorId,
  };
}

function leaseEnd(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}
