import type { Strike } from '#schemas/offender';
import type { OffenderPolicy } from '#schemas/offender-policy';

/** A policy with round numbers: strikes decay after 30 days, warn at 3, restrict at 5, suspend at 8, ban at 12. */
export function anOffenderPolicy(overrides: Partial<OffenderPolicy> = {}): OffenderPolicy {
  return {
    tenant: 'acme-market',
    strikes: { decayDays: 30, weights: { low: 1, medium: 1, high: 2, critical: 3 } },
    ladder: [
      { at: 3, action: 'warn' },
      { at: 5, action: 'restrict', days: 7 },
      { at: 8, action: 'suspend' },
      { at: 12, action: 'ban' },
    ],
    dailyCaps: { suspend: 100, ban: 100 },
    duplicateText: { windowMinutes: 60, minCharacters: 20, minSimilarity: 0.5 },
    ...overrides,
  };
}

let sequence = 0;

/** A strike of weight 1 for a listing, added at `at`; override what the test is about. */
export function aStrike(at: string, overrides: Partial<Strike> = {}): Strike {
  sequence += 1;
  return {
    tenant: 'acme-market',
    userId: 'user-31337',
    contentId: `listing-${sequence}`,
    version: 1,
    kind: 'listing',
    severity: 'medium',
    weight: 1,
    ruleIds: ['counterfeit.ja.explicit'],
    clauses: ['Marketplace guidelines 4.1: no counterfeit or replica goods'],
    decidedBy: { type: 'auto' },
    at,
    ...overrides,
  };
}
