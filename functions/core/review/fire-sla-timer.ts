import type { CaseNotifier } from '#ports/case-notifier';
import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import { CaseNotFoundError } from './errors.ts';
import { pendingTimers, planTimerFire, type SlaTimer } from './sla-timers.ts';
import { updateCase } from './update-case.ts';

/** What firing a timer needs. */
export interface SlaTimerDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  notifier: CaseNotifier;
  clock: Clock;
}

/** What a fired timer did: warned, breached (and escalated, or not), or nothing. */
export type SlaTimerOutcome = 'warned' | 'breached' | 'escalated' | 'ignored';

/**
 * Fires one SLA timer: records the warning or the breach as the case's event (once, however often the
 * timer fires) and notifies; a timer of a decided case, an earlier arming or a deleted case does nothing.
 */
export async function fireSlaTimer(
  timer: Pick<SlaTimer, 'tenant' | 'caseId' | 'kind' | 'generation'>,
  dependencies: SlaTimerDependencies,
): Promise<SlaTimerOutcome> {
  const policy = await dependencies.policies.policyFor(timer.tenant);
  let result: Awaited<ReturnType<typeof updateCase>>;
  try {
    result = await updateCase(dependencies.cases, timer.tenant, timer.caseId, (current) =>
      planTimerFire(current, timer, dependencies.clock.now(), policy),
    );
  } catch (error) {
    if (error instanceof CaseNotFoundError) return 'ignored';
    throw error;
  }
  if (!result.appended) return 'ignored';
  const { after } = result;
  const escalated = timer.kind === 'breach' && after.breachEscalated && !result.before.breachEscalated;
  await dependencies.notifier.notify({
    type: timer.kind === 'warning' ? 'sla.warning' : 'sla.breached',
    tenant: after.tenant,
    caseId: after.caseId,
    queue: after.queue,
    priority: after.priority,
    dueAt: after.dueAt,
    escalated,
    occurredAt: dependencies.clock.now().toISOString(),
  });
  if (timer.kind === 'warning') return 'warned';
  return escalated ? 'escalated' : 'breached';
}

/**
 * The safety net behind the timers: fires every pending timer already due, in case a schedule was
 * lost. Fired timers that already ran do nothing, so the sweep may overlap the timers freely.
 */
export async function sweepSlaTimers(
  dependencies: SlaTimerDependencies,
  limit = 500,
): Promise<Record<SlaTimerOutcome, number>> {
  const counts: Record<SlaTimerOutcome, number> = { warned: 0, breached: 0, escalated: 0, ignored: 0 };
  const now = dependencies.clock.now();
  for (const reviewCase of await dependencies.cases.timersDue(now, limit)) {
    for (const timer of pendingTimers(reviewCase)) {
      if (Date.parse(timer.fireAt) > now.getTime()) continue;
      counts[await fireSlaTimer(timer, dependencies)] += 1;
    }
  }
  return counts;
}
