import { type CompiledRuleSet, compileRuleSet } from '#core/rules/compile';
import type { RuleSetSource } from '#ports/rule-set-source';
import type { RulePack } from '#schemas/rule';

/** A small pack: off-platform contact is blocked, cheap brand listings go to review. */
export const testRulePack: RulePack = {
  pack: 'ingest-test',
  description: 'Rules the ingest tests decide with.',
  rules: [
    {
      id: 'contact.off-platform-line',
      description: 'Moving a conversation to LINE before a purchase.',
      clause: 'guidelines 3.2: keep conversations on the platform',
      status: 'live',
      severity: 'high',
      when: { keywords: { words: ['LINE交換', 'ライン交換', 'add me on line'] } },
      action: { type: 'block' },
    },
    {
      id: 'listing.cheap-console',
      description: 'Consoles priced far below market, a common advance-payment scam.',
      clause: 'guidelines 4.3: prices that look too good to be true',
      status: 'live',
      severity: 'medium',
      kinds: ['listing'],
      when: { field: { path: 'price.amount', below: 3_000 } },
      action: { type: 'review', queue: 'scam-prices', priority: 'P2' },
    },
  ],
};

/** A RuleSetSource over the real compiler, for tests that need the active rule set. */
export function aRuleSetSource(packs: readonly RulePack[] = [testRulePack]): RuleSetSource & {
  ruleSet: CompiledRuleSet;
} {
  const ruleSet = compileRuleSet(packs);
  return { ruleSet, active: async () => ruleSet };
}
