import type { ReviewCase } from '#schemas/review-case';
import type { ReviewPolicy } from '#schemas/review-policy';
import type { CaseEventDraftOf } from './case-event-draft.ts';
import { queueNamed, raisePriority } from './queue-policy.ts';

/** The two timers of an open case: the warning at a share of the SLA, and the breach at dueAt. */
export type SlaTimerKind = 'warning' | 'breach';

/** One armed timer. `generation` ties it to one arming of the case's timers; a later arming supersedes it. */
export interface SlaTimer {
  tenant: string;
  caseId: string;
  kind: SlaTimerKind;
  fireAt: string;
  generation: number;
}

/** A timer's stable name: arming it twice makes one timer (Scheduler names allow 64 characters). */
export function timerName(timer: Pick<SlaTimer, 'caseId' | 'kind' | 'generation'>): string {
  return `${timer.caseId}-${timer.kind}-${timer.generation}`;
}

/** The timers an open case still needs: none once decided, no warning once warned, nothing once breached. */
export function pendingTimers(reviewCase: ReviewCase): SlaTimer[] {
  if (reviewCase.status === 'decided' || reviewCase.breached) return [];
  const base = {
    tenant: reviewCase.tenant,
    caseId: reviewCase.caseId,
    generation: reviewCase.timerGeneration,
  };
  const timers: SlaTimer[] = [];
  if (!reviewCase.warned) timers.push({ ...base, kind: 'warning', fireAt: reviewCase.warningAt });
  timers.push({ ...base, kind: 'breach', fireAt: reviewCase.dueAt });
  return timers;
}

/** Every timer an arming of the case may have left, pending or not, so closing a case removes them all. */
export function armedTimers(reviewCase: ReviewCase): SlaTimer[] {
  const base = {
    tenant: reviewCase.tenant,
    caseId: reviewCase.caseId,
    generation: reviewCase.timerGeneration,
  };
  return [
    { ...base, kind: 'warning', fireAt: reviewCase.warningAt },
    { ...base, kind: 'breach', fireAt: reviewCase.dueAt },
  ];
}

/** The earliest pending timer's time, which the sweep index sorts by; undefined when none is pending. */
export function nextTimerAt(reviewCase: ReviewCase): string | undefined {
  return pendingTimers(reviewCase)
    .map((timer) => timer.fireAt)
    .sort()[0];
}

/**
 * What a fired timer does at `now`: the warning or breach event, or nothing when the timer belongs to
 * an earlier arming, the case is decided, it already fired, or it fired early. The first breach
 * escalates: priority up one step, and a move to the queue's escalation queue when it has one.
 */
export function planTimerFire(
  reviewCase: ReviewCase,
  timer: Pick<SlaTimer, 'kind' | 'generation'>,
  now: Date,
  policy: ReviewPolicy,
): CaseEventDraftOf<'case.warned'> | CaseEventDraftOf<'case.breached'> | undefined {
  if (reviewCase.status === 'decided' || timer.generation !== reviewCase.timerGeneration) return undefined;
  const base = {
    tenant: reviewCase.tenant,
    caseId: reviewCase.caseId,
    at: now.toISOString(),
    actor: { type: 'system' as const },
    timerGeneration: timer.generation,
  };
  if (timer.kind === 'warning') {
    if (reviewCase.warned || reviewCase.breached || now.getTime() < Date.parse(reviewCase.warningAt))
      return undefined;
    return { ...base, type: 'case.warned' };
  }
  if (reviewCase.breached || now.getTime() < Date.parse(reviewCase.dueAt)) return undefined;
  if (reviewCase.breachEscalated) return { ...base, type: 'case.breached' };
  const escalateTo = policy.queues.some((queue) => queue.name === reviewCase.queue)
    ? queueNamed(policy, reviewCase.queue).escalateTo
    : undefined;
  return {
    ...base,
    type: 'case.breached',
    escalation: { priority: raisePriority(reviewCase.priority), queue: escalateTo ?? reviewCase.queue },
  };
}
