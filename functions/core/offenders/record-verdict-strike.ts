import type { EnforcementRecord, OffenderStore } from '#ports/offender-store';
import type { OffenderPolicy } from '#schemas/offender-policy';
import type { Verdict } from '#schemas/verdict';
import { escalate } from './escalate.ts';
import { strikeForVerdict } from './strikes.ts';

/** What recording a verdict did to the author's ledger. */
export interface StrikeOutcome {
  strike: 'added' | 'already-counted' | 'removed' | 'none';
  /** The enforcement event this call appended, if the ladder moved. */
  enforcement?: EnforcementRecord;
}

/**
 * Keeps the author's strikes in step with a stored verdict: an enforced block or a moderator's removal
 * adds a strike for the content version (once, however often it is delivered or re-decided) and
 * moves the ladder; a moderator allowing the version removes its strike.
 */
export async function recordVerdictStrike(
  verdict: Verdict,
  userId: string,
  dependencies: { store: OffenderStore; policy: OffenderPolicy; now: Date },
): Promise<StrikeOutcome> {
  const { store, policy } = dependencies;
  if (verdict.decision === 'allow' && verdict.decidedBy.type === 'moderator') {
    const removed = await store.removeStrike(verdict.tenant, userId, verdict.contentId, verdict.version, {
      at: verdict.decidedAt,
      by: verdict.decidedBy,
      reason: 'a moderator overturned the block',
    });
    return { strike: removed ? 'removed' : 'none' };
  }
  const strike = strikeForVerdict(verdict, userId, policy.strikes);
  if (strike === undefined) return { strike: 'none' };
  const added = await store.addStrike(strike);
  // Also when the strike was there: an earlier delivery may have stopped before the ladder ran.
  const enforcement = await escalate(
    { tenant: verdict.tenant, userId },
    { contentId: verdict.contentId, version: verdict.version },
    dependencies,
  );
  return {
    strike: added.created ? 'added' : 'already-counted',
    ...(enforcement === undefined ? {} : { enforcement }),
  };
}
