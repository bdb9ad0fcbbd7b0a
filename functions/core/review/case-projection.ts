import type { CaseEvent, CaseStatus, CaseSummary, ReviewCase } from '#schemas/review-case';
import { ReviewError } from './errors.ts';

const LISTED_REPORTERS = 100;

/**
 * The case after one more event: the only way a case's status changes. `current` is undefined only
 * for `case.opened`; an event out of sequence is refused, so a projection never skips one.
 */
export function applyCaseEvent(current: ReviewCase | undefined, event: CaseEvent): ReviewCase {
  if (event.type === 'case.opened') {
    if (current !== undefined) throw new ReviewError(`case ${event.caseId} is already open`);
    return {
      ...event.opening,
      status: 'open',
      version: event.seq,
      timerGeneration: 1,
      warned: false,
      breached: false,
      escalated: false,
      breachEscalated: false,
    };
  }
  if (current === undefined) throw new ReviewError(`case ${event.caseId} has no case.opened event`);
  if (event.seq !== current.version + 1) {
    throw new ReviewError(
      `case ${event.caseId}: event ${event.seq} does not follow version ${current.version}`,
    );
  }
  const next: ReviewCase = { ...current, version: event.seq };
  switch (event.type) {
    case 'case.report-merged': {
      next.reportCount = current.reportCount + 1;
      if (!current.reporters.includes(event.report.reporterId) && current.reporters.length < LISTED_REPORTERS)
        next.reporters = [...current.reporters, event.report.reporterId];
      next.priority = event.priority;
      if (event.dueAt !== current.dueAt && !current.breached) {
        next.dueAt = event.dueAt;
        next.warningAt = event.warningAt;
        next.timerGeneration = current.timerGeneration + 1;
        next.warned = false;
      }
      return next;
    }
    case 'case.claimed':
      next.status = 'claimed';
      next.claim = {
        moderatorId: event.moderatorId,
        leaseExpiresAt: event.leaseExpiresAt,
        version: event.seq,
        claimedAt: event.at,
      };
      return next;
    case 'case.lease-renewed':
      if (current.claim !== undefined)
        next.claim = { ...current.claim, leaseExpiresAt: event.leaseExpiresAt };
      return next;
    case 'case.released':
      delete next.claim;
      next.status = waitingStatus(current);
      return next;
    case 'case.warned':
      next.warned = true;
      return next;
    case 'case.breached':
      next.breached = true;
      if (event.escalation !== undefined) {
        next.priority = event.escalation.priority;
        next.queue = event.escalation.queue;
        next.escalated = true;
        next.breachEscalated = true;
        if (current.status !== 'claimed') next.status = 'escalated';
      }
      return next;
    case 'case.escalated':
      delete next.claim;
      next.queue = event.toQueue;
      next.status = 'escalated';
      next.escalated = true;
      next.dueAt = event.dueAt;
      next.warningAt = event.warningAt;
      next.timerGeneration = current.timerGeneration + 1;
      next.warned = false;
      next.breached = false;
      if (event.note === undefined) delete next.escalationNote;
      else next.escalationNote = event.note;
      return next;
    case 'case.decided':
      delete next.claim;
      next.status = 'decided';
      next.outcome = event.outcome;
      return next;
  }
}

/** The case rebuilt from all its events, in order. */
export function replayCase(events: readonly CaseEvent[]): ReviewCase | undefined {
  return events.reduce<ReviewCase | undefined>((current, event) => applyCaseEvent(current, event), undefined);
}

/** The status a waiting case shows: escalated once it has been, else open. */
export function waitingStatus(reviewCase: ReviewCase): CaseStatus {
  return reviewCase.escalated ? 'escalated' : 'open';
}

/**
 * The status a moderator sees at `now`: a claim whose lease has run out no longer holds the case, so it
 * shows as waiting again (the claim stays recorded until someone takes the case over).
 */
export function currentStatus(reviewCase: ReviewCase, now: Date): CaseStatus {
  if (reviewCase.status === 'claimed' && !leaseHolds(reviewCase, now)) return waitingStatus(reviewCase);
  return reviewCase.status;
}

/** Whether the case's claim, if any, still holds at `now`. */
export function leaseHolds(reviewCase: ReviewCase, now: Date): boolean {
  return reviewCase.claim !== undefined && Date.parse(reviewCase.claim.leaseExpiresAt) > now.getTime();
}

/** Whether a moderator could take the case at `now`: undecided and not held under a live lease. */
export function isAvailable(reviewCase: ReviewCase, now: Date): boolean {
  return reviewCase.status !== 'decided' && !leaseHolds(reviewCase, now);
}

/** The case at a glance, for the audit log's before and after. */
export function summarise(reviewCase: ReviewCase): CaseSummary {
  return {
    status: reviewCase.status,
    queue: reviewCase.queue,
    priority: reviewCase.priority,
    ...(reviewCase.claim === undefined ? {} : { claimedBy: reviewCase.claim.moderatorId }),
  };
}
