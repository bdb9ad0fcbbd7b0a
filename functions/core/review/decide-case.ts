import { createHash } from 'node:crypto';
import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { IdempotencyStore } from '#ports/idempotency-store';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { StrikeLedger } from '#ports/strike-ledger';
import type { TimerService } from '#ports/timer-service';
import type { VerdictStore } from '#ports/verdict-store';
import type { Principal } from '#schemas/principal';
import type { DecisionAction, ReviewCase } from '#schemas/review-case';
import type { ReviewPolicy } from '#schemas/review-policy';
import type { Verdict } from '#schemas/verdict';
import type { CaseEventDraft } from './case-event-draft.ts';
import { assertHolds } from './claims.ts';
import {
  CaseHeldError,
  IdempotencyKeyReusedError,
  InvalidDecisionError,
  OwnAppealError,
  ReviewError,
} from './errors.ts';
import { assertMayWork } from './queue-access.ts';
import { dueTimes, queueNamed } from './queue-policy.ts';
import { armedTimers, pendingTimers } from './sla-timers.ts';
import { updateCase } from './update-case.ts';

/** A moderator's decision on one case. */
export interface CaseDecision {
  action: DecisionAction;
  /** The guideline clause the decision rests on. */
  reasonCode: string;
  note?: string;
  /** The fencing token from the claim; a decision under a claim since taken over is refused. */
  claimVersion?: number;
  /** Where an escalation sends the case. */
  toQueue?: string;
}

/** What deciding needs. */
export interface DecisionDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  verdicts: VerdictStore;
  timers: TimerService;
  strikes: StrikeLedger;
  idempotency: IdempotencyStore;
  clock: Clock;
}

/** The decided (or escalated) case, the verdict it recorded, and for an appeal whether it was upheld. */
export interface DecisionResult {
  reviewCase: ReviewCase;
  verdict?: Verdict;
}

/**
 * Decides a case the principal holds: approve (allow), remove (block and a strike) or escalate (to
 * another queue with fresh SLA timers). The decision is the case's event; then the verdict is recorded
 * as the moderator's (which publishes its event), the timers are removed and the strike is recorded.
 * With an Idempotency-Key, a retry returns the first answer and the same key with another body is refused.
 */
export async function decideCase(
  principal: Principal,
  caseId: string,
  decision: CaseDecision,
  dependencies: DecisionDependencies,
  idempotencyKey?: string,
): Promise<DecisionResult> {
  return idempotently(dependencies, principal, idempotencyKey, { caseId, decision }, () =>
    applyDecision(principal, caseId, decision, dependencies, { requireClaim: true }),
  );
}

/** A decision on several cases of one queue; each case's outcome is reported on its own. */
export interface BulkDecision extends Omit<CaseDecision, 'claimVersion'> {
  queue: string;
  caseIds: string[];
}

/** One case's outcome in a bulk decision. */
export type BulkItemResult =
  | { caseId: string; status: 'decided'; reviewCase: ReviewCase }
  | { caseId: string; status: 'refused'; error: string; holder?: string };

/**
 * Decides a selection of cases within one queue. A case nobody holds (or held by the principal) is
 * decided; one held by someone else, in another queue or already decided is refused, and the rest go on.
 */
export async function decideCases(
  principal: Principal,
  bulk: BulkDecision,
  dependencies: DecisionDependencies,
  idempotencyKey?: string,
): Promise<{ results: BulkItemResult[] }> {
  const policy = await dependencies.policies.policyFor(principal.tenant);
  queueNamed(policy, bulk.queue);
  assertMayWork(policy, bulk.queue, principal);
  if (bulk.action === 'escalate') validateEscalation(policy, bulk);
  return idempotently(dependencies, principal, idempotencyKey, bulk, async () => {
    const results: BulkItemResult[] = [];
    for (const caseId of [...new Set(bulk.caseIds)]) {
      try {
        const { reviewCase } = await applyDecision(principal, caseId, bulk, dependencies, {
          requireClaim: false,
          queue: bulk.queue,
        });
        results.push({ caseId, status: 'decided', reviewCase });
      } catch (error) {
        if (!(error instanceof ReviewError)) throw error;
        results.push({
          caseId,
          status: 'refused',
          error: error.message,
          ...(error instanceof CaseHeldError ? { holder: error.holder } : {}),
        });
      }
    }
    return { results };
  });
}

async function applyDecision(
  principal: Principal,
  caseId: string,
  decision: CaseDecision,
  dependencies: DecisionDependencies,
  scope: { requireClaim: boolean; queue?: string },
): Promise<DecisionResult> {
  const policy = await dependencies.policies.policyFor(principal.tenant);
  if (decision.action === 'escalate') validateEscalation(policy, decision);
  const now = dependencies.clock.now();
  const { before, after, appended } = await updateCase(
    dependencies.cases,
    principal.tenant,
    caseId,
    (current) => {
      assertMayWork(policy, current.queue, principal);
      if (scope.queue !== undefined && current.queue !== scope.queue)
        throw new InvalidDecisionError(
          'caseIds',
          `case ${caseId} is in queue ${current.queue}, not ${scope.queue}`,
        );
      if (alreadyApplied(current, principal, decision)) return undefined;
      if (scope.requireClaim) assertHolds(current, principal.userId, decision.claimVersion);
      else assertFree(current, principal, now);
      return planDecision(current, principal, decision, policy, now);
    },
  );
  if (after.status === 'decided') {
    await dependencies.timers.cancel(armedTimers(before));
    const verdict = await recordVerdict(after, dependencies);
    await recordStrike(after, verdict, dependencies);
    return { reviewCase: after, ...(verdict === undefined ? {} : { verdict }) };
  }
  if (appended || before.timerGeneration !== after.timerGeneration) {
    await dependencies.timers.cancel(armedTimers({ ...after, timerGeneration: after.timerGeneration - 1 }));
  }
  await dependencies.timers.arm(pendingTimers(after));
  return { reviewCase: after };
}

/** Whether the case already shows this principal's decision: a retry after the event was written. */
function alreadyApplied(current: ReviewCase, principal: Principal, decision: CaseDecision): boolean {
  if (decision.action === 'escalate') return false;
  return (
    current.status === 'decided' &&
    current.outcome?.moderatorId === principal.userId &&
    current.outcome.action === decision.action &&
    current.outcome.reasonCode === decision.reasonCode
  );
}

/** For bulk decisions: a case nobody else holds under a live lease. */
function assertFree(current: ReviewCase, principal: Principal, now: Date): void {
  if (current.status === 'decided') assertHolds(current, principal.userId, undefined);
  const { claim } = current;
  if (
    claim !== undefined &&
    claim.moderatorId !== principal.userId &&
    Date.parse(claim.leaseExpiresAt) > now.getTime()
  )
    throw new CaseHeldError(current.caseId, claim.moderatorId, claim.leaseExpiresAt);
  if (current.appeal?.appealedDecider === principal.userId)
    throw new OwnAppealError(current.caseId, principal.userId);
}

function planDecision(
  current: ReviewCase,
  principal: Principal,
  decision: CaseDecision,
  policy: ReviewPolicy,
  now: Date,
): CaseEventDraft {
  const base = {
    tenant: current.tenant,
    caseId: current.caseId,
    at: now.toISOString(),
    actor: { type: 'moderator' as const, moderatorId: principal.userId },
  };
  if (decision.action === 'escalate') {
    const toQueue = decision.toQueue as string;
    return {
      ...base,
      type: 'case.escalated',
      toQueue,
      reasonCode: decision.reasonCode,
      ...(decision.note === undefined ? {} : { note: decision.note }),
      ...dueTimes(policy, toQueue, current.priority, now),
    };
  }
  const appealOutcome =
    current.appeal === undefined
      ? undefined
      : (decision.action === 'remove') === (current.appeal.appealedDecision === 'block')
        ? 'upheld'
        : 'overturned';
  return {
    ...base,
    type: 'case.decided',
    outcome: {
      action: decision.action,
      moderatorId: principal.userId,
      reasonCode: decision.reasonCode,
      ...(decision.note === undefined ? {} : { note: decision.note }),
      decidedAt: now.toISOString(),
      ...(current.claim?.claimedAt === undefined ? {} : { claimedAt: current.claim.claimedAt }),
      ...(appealOutcome === undefined ? {} : { appealOutcome }),
    },
  };
}

function validateEscalation(policy: ReviewPolicy, decision: Pick<CaseDecision, 'toQueue'>): void {
  if (decision.toQueue === undefined)
    throw new InvalidDecisionError('toQueue', 'an escalation needs a queue');
  try {
    queueNamed(policy, decision.toQueue);
  } catch {
    throw new InvalidDecisionError('toQueue', `names no queue ${decision.toQueue}`);
  }
}

/** Records the moderator's verdict on the content version the case is about, when Patrol holds one. */
async function recordVerdict(
  decided: ReviewCase,
  dependencies: DecisionDependencies,
): Promise<Verdict | undefined> {
  const { outcome, subject } = decided;
  if (outcome === undefined || subject.type !== 'content') return undefined;
  const history = await dependencies.verdicts.get(decided.tenant, subject.contentId);
  if (history === undefined) return undefined;
  const version = decided.snapshot?.version ?? history.latest.version;
  const decidedVersion =
    history.history.filter((verdict) => verdict.version === version).at(-1) ?? history.latest;
  const { review: _review, ...base } = decidedVersion;
  const recorded = await dependencies.verdicts.record({
    ...base,
    version,
    decision: outcome.action === 'approve' ? 'allow' : 'block',
    decidedBy: { type: 'moderator', moderatorId: outcome.moderatorId },
    decidedAt: outcome.decidedAt,
  });
  return recorded.verdict;
}

/**
 * A removal adds a strike to the author; allowing a version that was removed (an overturned appeal)
 * takes it back. Strikes follow the moderator's verdict, so a case without one changes none.
 */
async function recordStrike(
  decided: ReviewCase,
  verdict: Verdict | undefined,
  dependencies: DecisionDependencies,
): Promise<void> {
  const authorId = decided.author?.userId;
  if (verdict === undefined || authorId === undefined) return;
  await dependencies.strikes.recordModeratorVerdict(verdict, authorId);
}

/** Runs `work` once per (tenant, key): a repeat with the same request replays its answer. */
async function idempotently<T>(
  dependencies: DecisionDependencies,
  principal: Principal,
  key: string | undefined,
  request: unknown,
  work: () => Promise<T>,
): Promise<T> {
  if (key === undefined) return work();
  const requestHash = createHash('sha256')
    .update(JSON.stringify([principal.userId, request]))
    .digest('hex');
  const record = await dependencies.idempotency.begin(
    principal.tenant,
    key,
    requestHash,
    dependencies.clock.now(),
  );
  if (record.state !== 'new' && record.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
  if (record.state === 'completed') return record.response as T;
  const response = await work();
  await dependencies.idempotency.complete(principal.tenant, key, requestHash, response);
  return response;
}
