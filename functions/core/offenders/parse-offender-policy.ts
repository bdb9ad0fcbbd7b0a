import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type FieldPath, formatFieldPath, type RulePackIssue } from '#core/rules/rule-pack-issue';
import {
  type OffenderPolicy,
  type OffenderPolicyOverride,
  OffenderPolicyOverrideSchema,
  OffenderPolicySchema,
} from '#schemas/offender-policy';

/** The file holding every field of the policy; the others override it per tenant. */
export const DEFAULT_POLICY_FILE = 'default.yaml';
const DEFAULT_TENANT = 'default';

/** A policy file's name and its YAML text. */
export interface OffenderPolicySourceFile {
  readonly fileName: string;
  readonly yamlText: string;
}

/** Every tenant's resolved policy, and the default for tenants without a file. */
export interface OffenderPolicies {
  readonly defaults: OffenderPolicy;
  readonly tenants: ReadonlyMap<string, OffenderPolicy>;
}

export type LoadOffenderPoliciesResult =
  | { readonly ok: true; readonly policies: OffenderPolicies }
  | { readonly ok: false; readonly errors: RulePackIssue[] };

/**
 * Reads a folder's policy files (policies/tenants/): default.yaml must give every field; each
 * `<tenant>.yaml` names its tenant and overrides sections of it. Every error is located as a rule
 * pack's are: file, line, column and field. Never throws.
 */
export function loadOffenderPolicies(files: readonly OffenderPolicySourceFile[]): LoadOffenderPoliciesResult {
  const defaultFile = files.find((file) => file.fileName === DEFAULT_POLICY_FILE);
  if (defaultFile === undefined) {
    return {
      ok: false,
      errors: [
        issueAt(DEFAULT_POLICY_FILE, { line: 1, column: 1 }, [], 'is missing: it holds the default policy'),
      ],
    };
  }
  const parsed = [...files]
    .sort((left, right) => (left.fileName < right.fileName ? -1 : 1))
    .map((file) => ({ file, result: parseOffenderPolicyFile(file.fileName, file.yamlText) }));
  const errors = parsed.flatMap(({ result }) => (result.ok ? [] : result.errors));
  if (errors.length > 0) return { ok: false, errors };
  const documents = new Map(
    parsed.flatMap(({ file, result }) => (result.ok ? [[file.fileName, result] as const] : [])),
  );
  const defaults = documents.get(DEFAULT_POLICY_FILE) as ParsedPolicyFile;
  const complete = OffenderPolicySchema.safeParse(defaults.override);
  if (!complete.success) {
    return { ok: false, errors: inLineOrder(complete.error.issues.map((issue) => defaults.locate(issue))) };
  }
  const tenants = new Map<string, OffenderPolicy>();
  for (const [fileName, document] of documents) {
    if (fileName === DEFAULT_POLICY_FILE) continue;
    const resolved = OffenderPolicySchema.safeParse(resolveOffenderPolicy(complete.data, document.override));
    if (!resolved.success) {
      errors.push(...inLineOrder(resolved.error.issues.map((issue) => document.locate(issue))));
      continue;
    }
    tenants.set(resolved.data.tenant, resolved.data);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, policies: { defaults: complete.data, tenants } };
}

/** The policy a tenant runs under: its own, or the default named for it. */
export function policyForTenant(policies: OffenderPolicies, tenant: string): OffenderPolicy {
  return policies.tenants.get(tenant) ?? { ...policies.defaults, tenant };
}

/** The default with a tenant's override applied: sections merge field by field, the ladder is replaced whole. */
export function resolveOffenderPolicy(
  defaults: OffenderPolicy,
  override: OffenderPolicyOverride,
): OffenderPolicy {
  return {
    tenant: override.tenant,
    strikes: {
      decayDays: override.strikes?.decayDays ?? defaults.strikes.decayDays,
      weights: { ...defaults.strikes.weights, ...override.strikes?.weights },
    },
    ladder: override.ladder ?? defaults.ladder,
    dailyCaps: { ...defaults.dailyCaps, ...override.dailyCaps },
    duplicateText: { ...defaults.duplicateText, ...override.duplicateText },
  };
}

interface ParsedPolicyFile {
  readonly ok: true;
  readonly override: OffenderPolicyOverride;
  /** Places a schema issue on the file's line for its path. */
  locate(issue: z.core.$ZodIssue): RulePackIssue;
}

/** Parses one policy file as an override and checks its tenant matches its file name. */
export function parseOffenderPolicyFile(
  fileName: string,
  yamlText: string,
): ParsedPolicyFile | { readonly ok: false; readonly errors: RulePackIssue[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) =>
        issueAt(fileName, at(error.pos[0]), [], `YAML syntax: ${error.message.split('\n')[0] ?? ''}`),
      ),
    };
  }
  const positionOf = (path: FieldPath) => at(offsetOf(document, path));
  const locate = (issue: z.core.$ZodIssue): RulePackIssue => {
    const path = issue.path as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return issueAt(fileName, positionOf([...path, key]), [...path, key], `\`${key}\` is not a field here`);
    }
    return issueAt(fileName, positionOf(path), path, describe(issue, document.getIn(path) === undefined));
  };
  const root: unknown = document.toJS();
  if (root === null || root === undefined) {
    return {
      ok: false,
      errors: [
        issueAt(fileName, { line: 1, column: 1 }, [], 'the file is empty; a policy needs at least tenant'),
      ],
    };
  }
  const parsed = OffenderPolicyOverrideSchema.safeParse(root);
  if (!parsed.success) return { ok: false, errors: inLineOrder(parsed.error.issues.map(locate)) };
  const expected = fileName === DEFAULT_POLICY_FILE ? DEFAULT_TENANT : fileName.replace(/\.yaml$/, '');
  if (parsed.data.tenant !== expected) {
    return {
      ok: false,
      errors: [
        issueAt(
          fileName,
          positionOf(['tenant']),
          ['tenant'],
          `is \`${parsed.data.tenant}\` but the file is ${fileName}; name the file after its tenant (${expected} here)`,
        ),
      ],
    };
  }
  return { ok: true, override: parsed.data, locate };
}

function inLineOrder(issues: RulePackIssue[]): RulePackIssue[] {
  return issues.sort((left, right) => left.line - right.line || left.column - right.column);
}

function describe(issue: z.core.$ZodIssue, missing: boolean): string {
  const field = issue.path.at(-1);
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value'))
    return `\`${String(field ?? 'this entry')}\` is required but missing`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

function issueAt(
  file: string,
  position: { line: number; column: number },
  path: FieldPath,
  message: string,
): RulePackIssue {
  return { file, ...position, field: formatFieldPath(path), message };
}

/** The offset of the deepest node along `path` that exists: a missing field points at its parent. */
function offsetOf(document: ReturnType<typeof parseDocument>, path: FieldPath): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range !== undefined) return node.range[0];
  }
  return 0;
}
