import { type CompiledRuleSet, compileRuleSet } from '#core/rules/compile';
import type { Condition, Rule, RulePack } from '#schemas/rule';

let ruleCounter = 0;

/** A live review rule with the given condition; override any field. */
export function aRule(when: Condition, overrides: Partial<Rule> = {}): Rule {
  ruleCounter++;
  return {
    id: `test.rule-${ruleCounter}`,
    description: 'a rule under test',
    clause: 'Guidelines 9.9',
    status: 'live',
    severity: 'medium',
    when,
    action: { type: 'review', queue: 'general', priority: 'P3' },
    ...overrides,
  };
}

/** A pack holding the given rules and keyword sets. */
export function aPack(rules: Rule[], keywordSets?: Record<string, string[]>, name = 'test-pack'): RulePack {
  return { pack: name, description: 'a pack under test', ...(keywordSets ? { keywordSets } : {}), rules };
}

/** Compiles one pack of the given rules. */
export function ruleSetOf(...rules: Rule[]): CompiledRuleSet {
  return compileRuleSet([aPack(rules)]);
}
