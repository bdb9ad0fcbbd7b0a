import { parseRulePacks } from '#core/rules/parse-rule-packs';
import type { Rule } from '#schemas/rule';
import type { RulePackFiles } from '#schemas/rule-set-version';
import { packSources } from './manage-rule-sets.ts';

/** One line of a file diff: kept, added or removed, with its line numbers on each side. */
export interface DiffLine {
  op: 'same' | 'add' | 'remove';
  text: string;
  oldLine?: number;
  newLine?: number;
}

/** What changed between two versions: per file, the changed lines with a little context; per rule, by id. */
export interface RuleSetDiff {
  files: { fileName: string; status: 'added' | 'removed' | 'changed'; lines: DiffLine[] }[];
  rules: {
    added: string[];
    removed: string[];
    changed: string[];
    statusChanged: { id: string; from: string; to: string }[];
  };
}

const CONTEXT_LINES = 2;

/** Compares two versions' packs file by file (line diff) and rule by rule (by id). */
export function diffRuleSets(from: RulePackFiles, to: RulePackFiles): RuleSetDiff {
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const files = names.flatMap((fileName) => {
    const before = from[fileName];
    const after = to[fileName];
    if (before === after) return [];
    const lines = withContext(diffLines(splitLines(before ?? ''), splitLines(after ?? '')));
    const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    return [{ fileName, status, lines } as const];
  });
  return { files, rules: diffRules(rulesOf(from), rulesOf(to)) };
}

/** A line diff by longest common subsequence; rule packs are small enough for the quadratic table. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const rows = before.length + 1;
  const columns = after.length + 1;
  const common = new Uint32Array(rows * columns);
  for (let i = before.length - 1; i >= 0; i--)
    for (let j = after.length - 1; j >= 0; j--)
      common[i * columns + j] =
        before[i] === after[j]
          ? (common[(i + 1) * columns + j + 1] as number) + 1
          : Math.max(common[(i + 1) * columns + j] as number, common[i * columns + j + 1] as number);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      lines.push({ op: 'same', text: before[i] as string, oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (
      i < before.length &&
      (j === after.length ||
        (common[(i + 1) * columns + j] as number) >= (common[i * columns + j + 1] as number))
    ) {
      lines.push({ op: 'remove', text: before[i] as string, oldLine: i + 1 });
      i++;
    } else {
      lines.push({ op: 'add', text: after[j] as string, newLine: j + 1 });
      j++;
    }
  }
  return lines;
}

function withContext(lines: DiffLine[]): DiffLine[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.op === 'same') return;
    for (let near = index - CONTEXT_LINES; near <= index + CONTEXT_LINES; near++)
      if (near >= 0 && near < lines.length) keep[near] = true;
  });
  return lines.filter((_, index) => keep[index]);
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

function rulesOf(packs: RulePackFiles): Map<string, Rule> {
  const parsed = parseRulePacks(packSources(packs));
  if (!parsed.ok) return new Map();
  return new Map(parsed.packs.flatMap((pack) => pack.rules.map((rule) => [rule.id, rule] as const)));
}

function diffRules(before: Map<string, Rule>, after: Map<string, Rule>): RuleSetDiff['rules'] {
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const both = [...after.keys()].filter((id) => before.has(id));
  const changed = both.filter((id) => JSON.stringify(before.get(id)) !== JSON.stringify(after.get(id)));
  const statusChanged = changed.flatMap((id) => {
    const from = before.get(id)?.status ?? '';
    const to = after.get(id)?.status ?? '';
    return from === to ? [] : [{ id, from, to }];
  });
  return { added, removed, changed, statusChanged };
}
