import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { Principal } from '#schemas/principal';
import { RoleForbiddenError } from './errors.ts';
import { queueNamed } from './queue-policy.ts';

const DAY_MS = 86_400_000;

/** A queue at a glance for leads. */
export interface QueueStats {
  queue: string;
  /** Undecided cases. */
  backlog: number;
  overdue: number;
  /** Age of the oldest undecided case, in seconds; 0 when none. */
  oldestAgeSeconds: number;
  /** Over the last 24 hours: cases decided, the share decided before breaching, the mean claim-to-decision time. */
  last24Hours: { decided: number; slaCompliance: number | null; averageHandlingSeconds: number | null };
}

/** What stats need. */
export interface StatsDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  clock: Clock;
}

/** Backlog, oldest age, SLA compliance over 24 hours and average handling time of one queue; leads and admins only. */
export async function queueStats(
  principal: Principal,
  queue: string,
  dependencies: StatsDependencies,
): Promise<QueueStats> {
  if (principal.role === 'moderator') throw new RoleForbiddenError(principal.role, 'read queue stats');
  queueNamed(await dependencies.policies.policyFor(principal.tenant), queue);
  const now = dependencies.clock.now();
  const [waiting, decided] = await Promise.all([
    dependencies.cases.list(principal.tenant, { queue, now, limit: Number.MAX_SAFE_INTEGER }),
    dependencies.cases.decidedSince(principal.tenant, queue, new Date(now.getTime() - DAY_MS), now),
  ]);
  const oldest = Math.min(...waiting.map((reviewCase) => Date.parse(reviewCase.createdAt)));
  const handled = decided.flatMap((reviewCase) =>
    reviewCase.outcome?.claimedAt === undefined
      ? []
      : [Date.parse(reviewCase.outcome.decidedAt) - Date.parse(reviewCase.outcome.claimedAt)],
  );
  return {
    queue,
    backlog: waiting.length,
    overdue: waiting.filter((reviewCase) => Date.parse(reviewCase.dueAt) <= now.getTime()).length,
    oldestAgeSeconds: waiting.length === 0 ? 0 : Math.round((now.getTime() - oldest) / 1_000),
    last24Hours: {
      decided: decided.length,
      slaCompliance:
        decided.length === 0
          ? null
          : round(decided.filter((reviewCase) => !reviewCase.breached).length / decided.length),
      averageHandlingSeconds:
        handled.length === 0
          ? null
          : Math.round(handled.reduce((sum, ms) => sum + ms, 0) / handled.length / 1_000),
    },
  };
}

function round(share: number): number {
  return Math.round(share * 1_000) / 1_000;
}
