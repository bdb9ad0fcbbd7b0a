import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidSubmissionError } from '#core/decide/errors';
import { parseSubmission } from '#core/decide/parse-submission';
import { ContentKinds, type Submission, SubmissionSchema } from '#schemas/submission';
import { aSubmission } from '#test/helpers/submissions';

/** Parses, returning the refusal instead of throwing it; anything else thrown fails the property. */
function outcomeOf(body: string): { submission: Submission } | { refusal: InvalidSubmissionError } {
  try {
    return { submission: parseSubmission(body) };
  } catch (error) {
    if (error instanceof InvalidSubmissionError) return { refusal: error };
    throw error;
  }
}

/** One valid submission of every kind, in Japanese and in English. */
const validSubmission = fc
  .tuple(fc.constantFrom(...ContentKinds), fc.boolean())
  .map(([kind, english]) => aSubmission(kind, english ? { locale: 'en-US' } : {}) as Submission);

/** Every path into a submission, objects and leaves alike (`author`, `author.userId`, `tags.0`). */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...pathsOf(child, [...prefix, key]),
  ]);
}

function withValueAt(root: unknown, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function expectNamedRefusal(refusal: InvalidSubmissionError): void {
  expect(refusal.issues.length).toBeGreaterThan(0);
  for (const issue of refusal.issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

describe('parseSubmission', () => {
  it('returns a contract-valid submission or a refusal with issues whatever text it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (body) => {
        const outcome = outcomeOf(body);
        if ('submission' in outcome)
          expect(SubmissionSchema.safeParse(outcome.submission).success).toBe(true);
        else expectNamedRefusal(outcome.refusal);
      }),
      { numRuns: 1_000 },
    );
  });

  it('returns a submission or a refusal with issues whatever JSON value it is given', () => {
    const json = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom('schemaVersion', 'tenant', 'kind', 'author', 'body', 'tags'),
        fc.jsonValue(),
      ),
    );
    fc.assert(
      fc.property(json, (value) => {
        const outcome = outcomeOf(JSON.stringify(value) ?? '');
        if ('submission' in outcome)
          expect(SubmissionSchema.safeParse(outcome.submission).success).toBe(true);
        else expectNamedRefusal(outcome.refusal);
      }),
      { numRuns: 1_000 },
    );
  });

  it('names the changed field when a valid submission has one field replaced or removed', () => {
    const changed = validSubmission.chain((submission) =>
      fc.record({
        submission: fc.constant(submission),
        path: fc.constantFrom(...pathsOf(submission)),
        value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(changed, ({ submission, path, value }) => {
        // Another kind's name reshapes the whole submission; it is not a bad value of `kind`.
        fc.pre(!(path.join('.') === 'kind' && ContentKinds.includes(value as Submission['kind'])));
        const outcome = outcomeOf(JSON.stringify(withValueAt(submission, path, value)));
        if ('submission' in outcome) return;
        const field = path.join('.');
        // A rule across sibling fields (a report's target needs a contentId or a userId) names their parent.
        const names = (issuePath: string) =>
          issuePath === field ||
          issuePath.startsWith(`${field}.`) ||
          (issuePath !== '' && field.startsWith(`${issuePath}.`));
        expect(
          outcome.refusal.issues.some((issue) => names(issue.path)),
          `${field}: ${outcome.refusal.message}`,
        ).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('never quotes the text of a refused submission in its reason', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{12}$/).map((token) => `secret-${token}@example.jp`);
    const broken = fc.record({
      submission: validSubmission,
      secret,
      breakage: fc.constantFrom('truncate', 'tenant', 'version', 'unknown-field', 'kind', 'postedAt'),
    });
    fc.assert(
      fc.property(broken, ({ submission, secret: text, breakage }) => {
        const withText = { ...submission, title: text, body: `連絡は ${text} まで` };
        const body = {
          truncate: () => JSON.stringify(withText).slice(0, -3),
          tenant: () => JSON.stringify({ ...withText, tenant: text }),
          version: () => JSON.stringify({ ...withText, version: text }),
          'unknown-field': () => JSON.stringify({ ...withText, note: text }),
          kind: () => JSON.stringify({ ...withText, kind: text }),
          postedAt: () => JSON.stringify({ ...withText, postedAt: text }),
        }[breakage]();
        const outcome = outcomeOf(body);
        expect('refusal' in outcome).toBe(true);
        if (!('refusal' in outcome)) return;
        expect(outcome.refusal.message).not.toContain(text);
        expect(JSON.stringify(outcome.refusal.issues)).not.toContain(text);
      }),
      { numRuns: 300 },
    );
  });
});
