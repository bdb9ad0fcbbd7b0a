import type { z } from 'zod';
import {
  ContentKinds,
  SUPPORTED_SCHEMA_VERSIONS,
  type Submission,
  SubmissionSchema,
  TenantSchema,
} from '#schemas/submission';
import { InvalidSubmissionError, type SubmissionIssue } from './errors.ts';

const MAX_ISSUES = 20;
const SUPPORTED = SUPPORTED_SCHEMA_VERSIONS.join(', ');

/**
 * Parses an SQS message body into a Submission: JSON first, then `schemaVersion`, then the contract.
 * Refusals are InvalidSubmissionError whose issues name each field by its dotted path.
 */
export function parseSubmission(body: string): Submission {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // JSON.parse quotes the body in its message, and the body may hold raw text and signals.
    throw new InvalidSubmissionError('message body is not valid JSON', {
      issues: [{ path: '', message: 'not valid JSON' }],
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidSubmissionError('message body must be a JSON object', {
      issues: [{ path: '', message: 'expected a JSON object' }],
    });
  }
  const fields = json as Record<string, unknown>;
  const context = identify(fields);
  const schemaVersion = fields.schemaVersion;
  if (!(SUPPORTED_SCHEMA_VERSIONS as readonly unknown[]).includes(schemaVersion)) {
    const message =
      schemaVersion === undefined
        ? `schemaVersion is missing; supported: ${SUPPORTED}`
        : `schemaVersion ${JSON.stringify(schemaVersion).slice(0, 20)} is not supported; supported: ${SUPPORTED}`;
    throw new InvalidSubmissionError(message, { ...context, issues: [{ path: 'schemaVersion', message }] });
  }
  const parsed = SubmissionSchema.safeParse(fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(toSubmissionIssues);
    const listed = issues.slice(0, MAX_ISSUES);
    const more = issues.length > listed.length ? `; and ${issues.length - listed.length} more` : '';
    throw new InvalidSubmissionError(
      `invalid submission: ${listed.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}${more}`,
      { ...context, issues: listed },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Joins a zod path with dots, array indexes included (`tags.3`, `price.amount`). */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function toSubmissionIssues(issue: z.core.$ZodIssue): SubmissionIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: dottedPath([...issue.path, key]),
      message: 'is not a field of the contract',
    }));
  }
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'kind') {
    return [{ path: dottedPath(issue.path), message: `expected one of ${ContentKinds.join(', ')}` }];
  }
  return [{ path: dottedPath(issue.path), message: issue.message }];
}

/** The tenant and content id, when they look right, so a refusal can say whose message it was. */
function identify(fields: Record<string, unknown>): { tenant?: string; contentId?: string } {
  const { tenant, contentId } = fields;
  return {
    ...(typeof tenant === 'string' && TenantSchema.safeParse(tenant).success ? { tenant } : {}),
    ...(typeof contentId === 'string' && contentId.length > 0 && contentId.length <= 256
      ? { contentId }
      : {}),
  };
}
