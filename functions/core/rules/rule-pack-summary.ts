import type { RulePack, RuleStatus } from '#schemas/rule';
import { walkConditions } from './parse-rule-pack.ts';

/** What a pack holds, for `patrol rules validate`. */
export interface RulePackSummary {
  readonly pack: string;
  readonly rules: Readonly<Record<RuleStatus, number>>;
  /** Distinct keywords and phrases, in keyword sets and inline, as written. */
  readonly keywords: number;
}

/** Counts a pack's rules by status and its distinct keywords and phrases. */
export function summariseRulePack(pack: RulePack): RulePackSummary {
  const rules: Record<RuleStatus, number> = { live: 0, shadow: 0, draft: 0 };
  const keywords = new Set(Object.values(pack.keywordSets ?? {}).flat());
  for (const rule of pack.rules) {
    rules[rule.status]++;
    walkConditions(rule.when, [], (condition) => {
      if ('keywords' in condition) for (const word of condition.keywords.words ?? []) keywords.add(word);
      if ('phrase' in condition) keywords.add(condition.phrase);
    });
  }
  return { pack: pack.pack, rules, keywords: keywords.size };
}
