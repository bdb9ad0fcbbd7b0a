import type { EnforcementInForce, LadderPosition, UserStatus } from '#ports/offender-store';
import { type EnforcementLevel, levelRank } from '#schemas/enforcement';
import type { Strike } from '#schemas/offender';
import type { LadderStep, OffenderPolicy } from '#schemas/offender-policy';
import { activeStrikeTotal, countsUntilMs, decayMs } from './strikes.ts';

/** The harshest rung whose threshold a strike total reaches, if any. */
export function impliedStep(total: number, ladder: readonly LadderStep[]): LadderStep | undefined {
  let reached: LadderStep | undefined;
  for (const step of ladder) if (total >= step.at) reached = step;
  return reached;
}

/** The level a strike total implies on the ladder; `none` below the first rung. */
export function impliedLevel(total: number, ladder: readonly LadderStep[]): EnforcementLevel {
  return impliedStep(total, ladder)?.action ?? 'none';
}

/**
 * The enforcement in force at `atMs`: a restriction that has run out leaves the user warned; a
 * suspension or ban lasts until lifted.
 */
export function enforcementInForce(
  enforcement: EnforcementInForce | undefined,
  atMs: number,
): EnforcementLevel {
  if (enforcement === undefined) return 'none';
  if (enforcement.action === 'restrict')
    return (enforcement.restrictedUntilMs ?? 0) > atMs ? 'restrict' : 'warn';
  return enforcement.action;
}

/**
 * The rung the user still stands on: the recorded ladder position, lowered to what the strikes
 * implied at their lowest since it was set. The total only falls when a strike decays, so only
 * those instants are looked at; a threshold crossed again after such a dip is a new crossing.
 */
export function ladderStanding(
  position: LadderPosition,
  strikes: readonly Strike[],
  nowMs: number,
  policy: OffenderPolicy,
): EnforcementLevel {
  if (position.level === 'none') return 'none';
  const decay = decayMs(policy.strikes);
  let lowest = Number.POSITIVE_INFINITY;
  for (const strike of strikes) {
    if (strike.removed !== undefined) continue;
    const expiry = countsUntilMs(strike, decay);
    if (expiry <= position.atMs || expiry > nowMs) continue;
    lowest = Math.min(lowest, totalSettledAt(strikes, expiry, decay));
  }
  if (lowest === Number.POSITIVE_INFINITY) return position.level;
  const implied = impliedLevel(lowest, policy.ladder);
  return levelRank(implied) < levelRank(position.level) ? implied : position.level;
}

/** The total at an instant counting only strikes added by then. */
function totalSettledAt(strikes: readonly Strike[], atMs: number, decay: number): number {
  let total = 0;
  for (const strike of strikes) {
    const addedAt = Date.parse(strike.at);
    if (strike.removed === undefined && addedAt <= atMs && atMs < addedAt + decay) total += strike.weight;
  }
  return total;
}

/** A rung the ladder should now apply, with the active total that reached it. */
export interface LadderCrossing {
  step: LadderStep;
  strikes: number;
}

/**
 * The rung to apply after the user's strikes changed, if any: the harshest one reached, when it is
 * above both where the user stands on the ladder and the enforcement in force. A warning in force
 * never holds back a new warning after the strikes have dipped below its threshold.
 */
export function nextCrossing(
  status: UserStatus | undefined,
  strikes: readonly Strike[],
  nowMs: number,
  policy: OffenderPolicy,
): LadderCrossing | undefined {
  const total = activeStrikeTotal(strikes, nowMs, decayMs(policy.strikes));
  const step = impliedStep(total, policy.ladder);
  if (step === undefined) return undefined;
  const standing = ladderStanding(status?.ladder ?? { level: 'none', atMs: 0 }, strikes, nowMs, policy);
  const inForce = enforcementInForce(status?.enforcement, nowMs);
  const inForceRank = inForce === 'warn' ? 0 : levelRank(inForce);
  const rank = levelRank(step.action);
  return rank > levelRank(standing) && rank > inForceRank ? { step, strikes: total } : undefined;
}
