import { recordVerdictStrike } from '#core/offenders/record-verdict-strike';
import type { Clock } from '#ports/clock';
import type { OffenderPolicySource } from '#ports/offender-policy-source';
import type { OffenderStore } from '#ports/offender-store';
import type { StrikeLedger } from '#ports/strike-ledger';

/** Moderator strikes through the offender ledger's own rules: the tenant's strike policy and its ladder. */
export function offenderStrikeLedger(dependencies: {
  store: OffenderStore;
  policies: OffenderPolicySource;
  clock: Clock;
}): StrikeLedger {
  return {
    async recordModeratorVerdict(verdict, authorId) {
      const policy = await dependencies.policies.forTenant(verdict.tenant);
      await recordVerdictStrike(verdict, authorId, {
        store: dependencies.store,
        policy,
        now: dependencies.clock.now(),
      });
    },
  };
}
