import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { normalise } from '#core/normalise/normalise';
import { type Condition, type RulePack, RulePackSchema, RuleSchema } from '#schemas/rule';
import { compileRegex, describeRegexError, regexLiterals, unreachableLiteral } from './regex.ts';
import { type FieldPath, formatFieldPath, type RulePackIssue } from './rule-pack-issue.ts';
import { describeSchemaIssues, type PathIssue, valueAt } from './schema-diagnostics.ts';

/** A line and column in a pack's file, both counted from 1. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/** A pack that passed every check, with a way back to the lines its fields came from. */
export interface ParsedRulePack {
  readonly ok: true;
  readonly file: string;
  readonly pack: RulePack;
  /** Where a field of the pack was written, for checks that look across packs. */
  positionOf(path: FieldPath): FilePosition;
}

export type ParseRulePackResult = ParsedRulePack | { readonly ok: false; readonly errors: RulePackIssue[] };

/**
 * Reads one YAML rule pack and checks it completely: YAML syntax, the rule language's schema,
 * keyword set names, duplicate rule ids and regexes the linear-time engine cannot run. Never throws.
 */
export function parseRulePack(fileName: string, yamlText: string): ParseRulePackResult {
  try {
    return parseChecked(fileName, yamlText);
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          line: 1,
          column: 1,
          field: '',
          message: `could not read this file: ${String(error)}`,
        },
      ],
    };
  }
}

function parseChecked(fileName: string, yamlText: string): ParseRulePackResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): FilePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => ({
        file: fileName,
        ...at(error.pos[0]),
        field: '',
        message: `YAML syntax: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  const aliasIssue = findUnresolvedAlias(document, at);
  if (aliasIssue !== undefined) return { ok: false, errors: [{ file: fileName, ...aliasIssue, field: '' }] };
  const root: unknown = document.toJS({ maxAliasCount: 100 });
  const positionOf = (path: FieldPath, atKey = false): FilePosition =>
    at(offsetOf(document.contents, path, atKey));
  const toIssue = (issue: PathIssue): RulePackIssue => {
    const ruleId = ruleIdAt(root, issue.path);
    return {
      file: fileName,
      ...positionOf(issue.path, issue.atKey),
      ...(ruleId === undefined ? {} : { ruleId }),
      field: formatFieldPath(issue.path),
      message: issue.message,
    };
  };
  if (root === null || root === undefined) {
    return {
      ok: false,
      errors: [
        toIssue({ path: [], message: 'the file is empty; a rule pack needs pack, description and rules' }),
      ],
    };
  }
  const parsed = RulePackSchema.safeParse(root);
  const problems = [
    ...(parsed.success ? [] : describeSchemaIssues(root, parsed.error.issues)),
    ...checkRules(root, (path) => positionOf(path).line),
  ];
  if (!parsed.success || problems.length > 0) {
    const errors = problems
      .map(toIssue)
      .sort((left, right) => left.line - right.line || left.column - right.column);
    return { ok: false, errors };
  }
  return { ok: true, file: fileName, pack: parsed.data, positionOf };
}

/**
 * Checks the schema cannot express, on every rule that is otherwise well formed: keyword set names
 * that must resolve, ids that must be unique, regexes that must compile.
 */
function checkRules(root: unknown, lineOf: (path: FieldPath) => number): PathIssue[] {
  const rules = valueAt(root, ['rules']);
  if (!Array.isArray(rules)) return [];
  const keywordSets = valueAt(root, ['keywordSets']);
  const setNames = typeof keywordSets === 'object' && keywordSets !== null ? Object.keys(keywordSets) : [];
  const issues: PathIssue[] = [];
  const firstIndexById = new Map<string, number>();
  for (const [index, candidate] of rules.entries()) {
    const id = valueAt(candidate, ['id']);
    const first = typeof id === 'string' ? firstIndexById.get(id) : undefined;
    if (typeof id === 'string' && first === undefined) firstIndexById.set(id, index);
    else if (first !== undefined) {
      issues.push({
        path: ['rules', index, 'id'],
        message: `rule id \`${String(id)}\` is already used by rules[${first}] at line ${lineOf(['rules', first, 'id'])}; a rule's id is its identity in history, so give this rule its own id`,
      });
    }
    const rule = RuleSchema.safeParse(candidate);
    if (!rule.success) continue;
    walkConditions(rule.data.when, ['rules', index, 'when'], (condition, path) => {
      issues.push(...checkWords(condition, path), ...checkCondition(condition, path, setNames));
    });
  }
  if (typeof keywordSets === 'object' && keywordSets !== null) {
    for (const [name, words] of Object.entries(keywordSets)) {
      if (Array.isArray(words)) issues.push(...emptyWords(words, ['keywordSets', name]));
    }
  }
  return issues;
}

/** Words that fold to nothing (only invisible characters, spaces or marks) could never match. */
function emptyWords(words: readonly unknown[], path: FieldPath): PathIssue[] {
  return words.flatMap((word, index) => {
    const issue = emptyOnceNormalised(word, [...path, index]);
    return issue === undefined ? [] : [issue];
  });
}

function emptyOnceNormalised(word: unknown, path: FieldPath): PathIssue | undefined {
  if (typeof word !== 'string' || word === '' || normalise(word).text !== '') return undefined;
  return {
    path,
    message: `${JSON.stringify(word)} is empty once normalised (it holds only invisible characters, spaces or marks), so it could never match`,
  };
}

/** Inline keywords and phrases that could never match. */
function checkWords(condition: Condition, path: FieldPath): PathIssue[] {
  if ('keywords' in condition && condition.keywords.words !== undefined)
    return emptyWords(condition.keywords.words, [...path, 'keywords', 'words']);
  if ('phrase' in condition) {
    const empty = emptyOnceNormalised(condition.phrase, [...path, 'phrase']);
    return empty === undefined ? [] : [empty];
  }
  return [];
}

function checkCondition(condition: Condition, path: FieldPath, setNames: readonly string[]): PathIssue[] {
  if (
    'keywords' in condition &&
    condition.keywords.set !== undefined &&
    !setNames.includes(condition.keywords.set)
  ) {
    const known =
      setNames.length === 0 ? 'this pack defines no keywordSets' : `its sets are ${setNames.join(', ')}`;
    return [
      {
        path: [...path, 'keywords', 'set'],
        message: `there is no keyword set \`${condition.keywords.set}\` in this pack; ${known}`,
      },
    ];
  }
  if ('regex' in condition) {
    const patternPath = [...path, 'regex', 'pattern'];
    try {
      const regex = compileRegex(condition.regex.pattern, condition.regex.caseInsensitive);
      if (regex.test('')) {
        return [
          {
            path: patternPath,
            message: 'this regular expression matches empty text, so it would fire on every item',
          },
        ];
      }
      const unreachable = unreachableLiteral(regexLiterals(condition.regex), (text) => normalise(text).text);
      if (unreachable !== undefined) {
        return [
          {
            path: patternPath,
            message: `this regular expression can never match: it needs \`${unreachable.literal}\`, but regexes read normalised text, where that is written \`${unreachable.folded}\` (see docs/rules.md)`,
          },
        ];
      }
    } catch (error) {
      return [{ path: patternPath, message: describeRegexError(condition.regex.pattern, error) }];
    }
  }
  return [];
}

/** Calls `visit` on every condition of a tree with its path, parents before children. */
export function walkConditions(
  condition: Condition,
  path: FieldPath,
  visit: (condition: Condition, path: FieldPath) => void,
): void {
  visit(condition, path);
  if ('all' in condition) {
    for (const [index, child] of condition.all.entries())
      walkConditions(child, [...path, 'all', index], visit);
  } else if ('any' in condition) {
    for (const [index, child] of condition.any.entries())
      walkConditions(child, [...path, 'any', index], visit);
  } else if ('not' in condition) walkConditions(condition.not, [...path, 'not'], visit);
}

function ruleIdAt(root: unknown, path: FieldPath): string | undefined {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return undefined;
  const id = valueAt(root, ['rules', path[1], 'id']);
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The offset of the deepest node along `path` that exists: a missing field points at its parent. */
function offsetOf(contents: unknown, path: FieldPath, atKey: boolean): number {
  let node = contents as Node | null | undefined;
  let offset = node?.range?.[0] ?? 0;
  for (const [depth, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      const key = pair.key as Node;
      const last = depth === path.length - 1;
      if (last && atKey) return key.range?.[0] ?? offset;
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? key.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

function findUnresolvedAlias(
  document: ReturnType<typeof parseDocument>,
  at: (offset: number) => FilePosition,
): (FilePosition & { message: string }) | undefined {
  let found: (FilePosition & { message: string }) | undefined;
  visit(document, {
    Alias(_, alias) {
      if (!isAlias(alias) || alias.resolve(document) !== undefined) return undefined;
      found = {
        ...at(alias.range?.[0] ?? 0),
        message: `YAML syntax: the alias *${alias.source} has no anchor &${alias.source} before it`,
      };
      return visit.BREAK;
    },
  });
  return found;
}
