import type { z } from 'zod';
import {
  ActionSchema,
  ConditionSchema,
  DetectorPredicateSchema,
  FactPredicateSchemas,
  FieldPredicateSchema,
  KeywordsPredicateSchema,
  PhrasePredicateSchema,
  RegexPredicateSchema,
  RulePackSchema,
  RuleSchema,
} from '#schemas/rule';
import type { FieldPath } from './rule-pack-issue.ts';

/** A schema mistake at a path, before it is located in the file. */
export interface PathIssue {
  readonly path: FieldPath;
  readonly message: string;
  /** Points at the key itself rather than its value, as for an unknown field. */
  readonly atKey?: boolean;
}

const PREDICATES = {
  keywords: KeywordsPredicateSchema,
  phrase: PhrasePredicateSchema,
  regex: RegexPredicateSchema,
  detector: DetectorPredicateSchema,
  field: FieldPredicateSchema,
  ...FactPredicateSchemas,
} as const;
const COMBINATORS = ['all', 'any', 'not'] as const;
const CONDITION_KEYS: readonly string[] = [...COMBINATORS, ...Object.keys(PREDICATES)];
const CONDITION_CHOICES = CONDITION_KEYS.join(', ');

/** Every field name of the rule language, for "did you mean" hints on misspelt fields. */
const KNOWN_FIELDS: readonly string[] = [
  ...new Set([
    ...Object.keys(RulePackSchema.shape),
    ...Object.keys(RuleSchema.shape),
    ...CONDITION_KEYS,
    ...Object.keys(KeywordsPredicateSchema.shape.keywords.shape),
    ...Object.keys(RegexPredicateSchema.shape.regex.shape),
    ...Object.keys(FieldPredicateSchema.shape.field.shape),
    ...ActionSchema.options.flatMap((option) => Object.keys(option.shape)),
  ]),
];

/** Turns zod's issues for a rule pack into messages a T&S lead can act on, one per mistake. */
export function describeSchemaIssues(root: unknown, issues: readonly z.core.$ZodIssue[]): PathIssue[] {
  return issues.flatMap((issue) => describeIssue(root, [], issue));
}

function describeIssue(root: unknown, prefix: FieldPath, issue: z.core.$ZodIssue): PathIssue[] {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_union':
      if ('note' in issue && issue.note === 'No matching discriminator') {
        return [{ path, message: `${quote(value)} is not an action; expected ${choices(ActionTypes)}` }];
      }
      if (FACT_KEYS.includes(String(path.at(-1)))) return describeFactBody(root, path, issue.errors);
      return describeCondition(root, path, value);
    case 'invalid_type':
      if (value === undefined) return [{ path, message: `${describeMissing(path)} is required but missing` }];
      return [{ path, message: describeWrongType(issue.expected, value) }];
    case 'invalid_value':
      if (value === undefined) return [{ path, message: `${describeMissing(path)} is required but missing` }];
      return [
        {
          path,
          message: `${quote(value)} is not allowed here; expected ${choices(issue.values.map(String))}`,
        },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: describeUnknownField(key),
        atKey: true,
      }));
    case 'too_small':
      return [{ path, message: describeTooSmall(issue.origin, Number(issue.minimum)) }];
    case 'too_big':
      return [{ path, message: `is too long: at most ${issue.maximum} ${unitOf(issue.origin)}` }];
    case 'invalid_format':
      return [
        { path, message: issue.format === 'date' ? 'expected a date written as YYYY-MM-DD' : issue.message },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

const ActionTypes = ActionSchema.options.map((option) => option.shape.type.value);
const FACT_KEYS: readonly string[] = Object.keys(FactPredicateSchemas);

/** A fact predicate written as `true`/`false` or as a mapping: explain the form the value was meant as. */
function describeFactBody(
  root: unknown,
  path: FieldPath,
  branches: readonly (readonly z.core.$ZodIssue[])[],
): PathIssue[] {
  const meant = branches.find((issues) => issues.every((issue) => issue.path.length > 0));
  if (meant === undefined) return [{ path, message: 'expected true, false or a mapping of its fields' }];
  return meant.flatMap((issue) => describeIssue(root, path, issue));
}

/** A condition is an object with exactly one of the combinators or predicates: say which part is wrong. */
function describeCondition(root: unknown, path: FieldPath, value: unknown): PathIssue[] {
  if (!isPlainObject(value)) {
    return [{ path, message: `expected a condition: one of ${CONDITION_CHOICES}` }];
  }
  const keys = Object.keys(value);
  const known = keys.filter((key) => CONDITION_KEYS.includes(key));
  if (known.length === 0) {
    if (keys.length === 0)
      return [{ path, message: `is an empty condition; expected one of ${CONDITION_CHOICES}` }];
    return keys.map((key) => ({
      path: [...path, key],
      message: `${quote(key)} is not a condition; expected one of ${CONDITION_CHOICES}${suggestion(key)}`,
      atKey: true,
    }));
  }
  if (known.length > 1) {
    return [
      {
        path,
        message: `a condition holds exactly one of ${CONDITION_CHOICES}, but this one has ${known.map(quote).join(' and ')}; combine them under all: or any:`,
      },
    ];
  }
  const extra = keys
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: [...path, key], message: describeUnknownField(key), atKey: true }));
  const kind = known[0] as string;
  return [...extra, ...describeConditionBody(root, path, kind, value)];
}

function describeConditionBody(
  root: unknown,
  path: FieldPath,
  kind: string,
  value: Record<string, unknown>,
): PathIssue[] {
  const body = value[kind];
  if (kind === 'not') return describeNested(root, [...path, 'not'], body);
  if (kind === 'all' || kind === 'any') {
    if (!Array.isArray(body)) return [{ path: [...path, kind], message: `expected a list of conditions` }];
    if (body.length === 0) return [{ path: [...path, kind], message: `needs at least one condition` }];
    return body.flatMap((child, index) => describeNested(root, [...path, kind, index], child));
  }
  const schema = PREDICATES[kind as keyof typeof PREDICATES];
  const result = schema.safeParse({ [kind]: body });
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => describeIssue(root, path, issue));
}

function describeNested(root: unknown, path: FieldPath, value: unknown): PathIssue[] {
  const result = ConditionSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => describeIssue(root, path, issue));
}

function describeWrongType(expected: string, value: unknown): string {
  const wanted = TYPE_WORDS[expected] ?? expected;
  const found = typeWord(value);
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `expected text but found the ${found} ${String(value)}; put it in quotes ('${String(value)}')`;
  }
  return `expected ${wanted} but found ${found}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields (key: value)',
};

function typeWord(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${quote(value)}`;
  return typeof value;
}

function describeMissing(path: FieldPath): string {
  const last = path.at(-1);
  return typeof last === 'string' ? quote(last) : 'this entry';
}

function describeTooSmall(origin: string, minimum: number): string {
  if (origin === 'array')
    return minimum === 1 ? 'needs at least one entry' : `needs at least ${minimum} entries`;
  if (origin === 'string')
    return minimum === 1 ? 'must not be empty' : `must be at least ${minimum} characters`;
  return `must be at least ${minimum}`;
}

function unitOf(origin: string): string {
  return origin === 'array' ? 'entries' : 'characters';
}

function describeUnknownField(key: string): string {
  return `${quote(key)} is not a field here${suggestion(key)}`;
}

function suggestion(key: string): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of KNOWN_FIELDS) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined || best === key ? '' : `; did you mean ${quote(best)}?`;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const substitution = (previous[column - 1] as number) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(
        Math.min(substitution, (previous[column] as number) + 1, (current[column - 1] as number) + 1),
      );
    }
    previous = current;
  }
  return previous[right.length] as number;
}

function choices(values: readonly string[]): string {
  return values.join(', ');
}

function quote(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path of a parsed YAML document, or undefined when the path leads nowhere. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
