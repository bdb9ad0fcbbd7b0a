import type { CompiledRuleSet } from '#core/rules/compile';

/** Supplies the active compiled rule set; adapters cache it per rule-set version. */
export interface RuleSetSource {
  active(): Promise<CompiledRuleSet>;
}
