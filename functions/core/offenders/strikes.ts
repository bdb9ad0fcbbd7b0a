import type { Strike } from '#schemas/offender';
import type { StrikePolicy } from '#schemas/offender-policy';
import type { Severity } from '#schemas/rule';
import type { Verdict } from '#schemas/verdict';

const DAY_MS = 86_400_000;
const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
/** What a moderator's removal weighs when the verdict names no rule. */
const MODERATOR_DEFAULT_SEVERITY: Severity = 'medium';

/** How long a strike counts, in milliseconds. */
export function decayMs(policy: StrikePolicy): number {
  return policy.decayDays * DAY_MS;
}

/** When a strike stops counting: its time plus the tenant's decay window. */
export function countsUntilMs(strike: Strike, decay: number): number {
  return Date.parse(strike.at) + decay;
}

/** Whether a strike counts at `atMs`: not removed and younger than the decay window (its last instant excluded). */
export function strikeIsActive(strike: Strike, atMs: number, decay: number): boolean {
  return strike.removed === undefined && atMs < countsUntilMs(strike, decay);
}

/** The weighted total of the strikes active at `atMs`: decay is computed at read time from each strike's time. */
export function activeStrikeTotal(strikes: readonly Strike[], atMs: number, decay: number): number {
  let total = 0;
  for (const strike of strikes) if (strikeIsActive(strike, atMs, decay)) total += strike.weight;
  return total;
}

/**
 * The strike a stored verdict earns its author: an enforced block (live block rules) or a moderator's
 * removal, weighted by the most severe rule; undefined for any other decision.
 */
export function strikeForVerdict(verdict: Verdict, userId: string, policy: StrikePolicy): Strike | undefined {
  if (verdict.decision !== 'block') return undefined;
  const moderator = verdict.decidedBy.type === 'moderator';
  const reasons = verdict.reasons.filter(
    (reason) => reason.status === 'live' && (moderator || reason.action.type === 'block'),
  );
  if (!moderator && reasons.length === 0) return undefined;
  const severity = reasons.reduce<Severity | undefined>(
    (worst, reason) =>
      worst === undefined || SEVERITY_ORDER.indexOf(reason.severity) > SEVERITY_ORDER.indexOf(worst)
        ? reason.severity
        : worst,
    undefined,
  );
  const counted = severity ?? MODERATOR_DEFAULT_SEVERITY;
  return {
    tenant: verdict.tenant,
    userId,
    contentId: verdict.contentId,
    version: verdict.version,
    kind: verdict.kind,
    severity: counted,
    weight: policy.weights[counted],
    ruleIds: [...new Set(reasons.map((reason) => reason.ruleId))],
    clauses: [...new Set(reasons.map((reason) => reason.clause))],
    decidedBy: verdict.decidedBy,
    at: verdict.decidedAt,
  };
}
