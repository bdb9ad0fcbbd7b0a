import type { RulePack } from '#schemas/rule';
import { type ParsedRulePack, parseRulePack } from './parse-rule-pack.ts';
import type { RulePackIssue } from './rule-pack-issue.ts';

/** A pack's file name and its YAML text. */
export interface RulePackSource {
  readonly fileName: string;
  readonly yamlText: string;
}

export type ParseRulePacksResult =
  | { readonly ok: true; readonly packs: RulePack[]; readonly parsed: ParsedRulePack[] }
  | { readonly ok: false; readonly errors: RulePackIssue[] };

/**
 * Parses every pack of a rule set in file-name order (which is rule order) and checks them
 * together: rule ids and pack names are unique across packs. Returns every error of every file.
 */
export function parseRulePacks(sources: readonly RulePackSource[]): ParseRulePacksResult {
  const ordered = [...sources].sort((left, right) => (left.fileName < right.fileName ? -1 : 1));
  const results = ordered.map((source) => parseRulePack(source.fileName, source.yamlText));
  const parsed = results.filter((result): result is ParsedRulePack => result.ok);
  const errors = [
    ...results.flatMap((result) => (result.ok ? [] : result.errors)),
    ...conflictsAcrossPacks(parsed),
  ];
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, packs: parsed.map((result) => result.pack), parsed };
}

function conflictsAcrossPacks(parsed: readonly ParsedRulePack[]): RulePackIssue[] {
  const issues: RulePackIssue[] = [];
  const packByName = new Map<string, ParsedRulePack>();
  const ruleById = new Map<string, { from: ParsedRulePack; index: number }>();
  for (const current of parsed) {
    const samePack = packByName.get(current.pack.pack);
    if (samePack !== undefined) {
      issues.push({
        file: current.file,
        ...current.positionOf(['pack']),
        field: 'pack',
        message: `pack name \`${current.pack.pack}\` is already used by ${samePack.file}; each pack needs its own name`,
      });
    } else packByName.set(current.pack.pack, current);
    for (const [index, rule] of current.pack.rules.entries()) {
      const first = ruleById.get(rule.id);
      if (first === undefined) {
        ruleById.set(rule.id, { from: current, index });
        continue;
      }
      const { line } = first.from.positionOf(['rules', first.index, 'id']);
      issues.push({
        file: current.file,
        ...current.positionOf(['rules', index, 'id']),
        ruleId: rule.id,
        field: `rules[${index}].id`,
        message: `rule id \`${rule.id}\` is already used in ${first.from.file} at line ${line}; rule ids are unique across all packs`,
      });
    }
  }
  return issues;
}
