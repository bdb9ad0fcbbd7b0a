/** A path into a rule pack, as keys and list indexes: `['rules', 3, 'when', 'all', 0]`. */
export type FieldPath = readonly (string | number)[];

/** One mistake in a rule pack, located so a T&S lead can open the file at the right line. */
export interface RulePackIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The id of the rule the mistake is in, when it is inside a rule that has a readable id. */
  readonly ruleId?: string;
  /** The field as written in docs/rules.md, e.g. `rules[3].when.all[0].regex.pattern`; empty for the file. */
  readonly field: string;
  readonly message: string;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Writes a field path the way docs/rules.md does: `rules[3].when.all[0].regex.pattern`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** One line per issue: `file:line:col rule <id> field <path>: message`. */
export function formatIssue(issue: RulePackIssue): string {
  const rule = issue.ruleId === undefined ? '' : ` rule ${issue.ruleId}`;
  const field = issue.field === '' ? '' : ` field ${issue.field}`;
  return `${issue.file}:${issue.line}:${issue.column}${rule}${field}: ${issue.message}`;
}
