import type { Verdict } from '#schemas/verdict';

/**
 * The review service's way into the repeat-offender ledger: keeps the author's strikes in step with a
 * moderator's verdict (a removal adds a strike, allowing a removed version takes it back), idempotently
 * per content version.
 */
export interface StrikeLedger {
  recordModeratorVerdict(verdict: Verdict, authorId: string): Promise<void>;
}
