import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import { evaluate } from '#core/rules/evaluate';
import { type ParsedRulePack, parseRulePack, walkConditions } from '#core/rules/parse-rule-pack';
import { FactNames, type Rule } from '#schemas/rule';
import { type Submission, SubmissionSchema } from '#schemas/submission';
import type { Evaluation, Reason } from '#schemas/verdict';

const policiesDir = join(import.meta.dirname, '../../../policies');
const fixturesDir = join(import.meta.dirname, '../../fixtures/policies');
const NOW = new Date('2026-01-15T09:00:00Z');

/** The queues the packs may route to; docs/policies.md describes each. */
const REVIEW_QUEUES = [
  'contact-exchange',
  'payments',
  'counterfeit',
  'prohibited-items',
  'academic-fraud',
  'harassment',
  'sexual-content',
  'scams',
  'ban-evasion',
  'spam',
];

const CleanExampleSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['listing', 'message', 'profile', 'comment', 'job', 'review']),
    locale: z.enum(['ja', 'en']),
    title: z.string().min(1).optional(),
    body: z.string().min(1),
  })
  .strict();
type CleanExample = z.infer<typeof CleanExampleSchema>;

const EvasiveExampleSchema = CleanExampleSchema.extend({
  expect: z.object({ decision: z.enum(['review', 'block']), ruleId: z.string().min(1) }).strict(),
}).strict();

function readExamples<T>(file: string, schema: z.ZodType<T>): T[] {
  const lines = readFileSync(join(fixturesDir, file), 'utf8').split('\n');
  return lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${z.prettifyError(parsed.error)}`);
    return [parsed.data];
  });
}

const packFiles = readdirSync(policiesDir)
  .filter((file) => file.endsWith('.yaml'))
  .sort();
const parsedPacks = packFiles.map((file) =>
  parseRulePack(file, readFileSync(join(policiesDir, file), 'utf8')),
);
const packs = parsedPacks
  .filter((result): result is ParsedRulePack => result.ok)
  .map((result) => result.pack);
const rules: Rule[] = packs.flatMap((pack) => pack.rules);
// The same loader the local runtime uses, so a pack that passes here also loads there.
const ruleSet = await new FileRuleSetSource(policiesDir).active();
const evasive = readExamples('evasive.jsonl', EvasiveExampleSchema);
const clean = readExamples('clean.jsonl', CleanExampleSchema);

/** The submission a platform would send for an example, with the fields its kind requires. */
function toSubmission(example: CleanExample): Submission {
  const kindFields = {
    listing: {},
    message: { threadId: `thread-${example.id}`, recipientId: 'user-recipient' },
    profile: {},
    comment: { parentId: `parent-${example.id}` },
    job: {},
    review: { targetId: `target-${example.id}`, rating: 3 },
  }[example.kind];
  return SubmissionSchema.parse({
    schemaVersion: 1,
    tenant: 'policy-examples',
    contentId: example.id,
    version: 1,
    kind: example.kind,
    author: { userId: `author-${example.id}` },
    locale: example.locale,
    ...(example.title === undefined ? {} : { title: example.title }),
    body: example.body,
    postedAt: NOW.toISOString(),
    ...kindFields,
  });
}

/** Rules on author facts fire only with facts; test/unit/policies/offenders-pack.test.ts gives them theirs. */
function readsFacts(rule: Rule): boolean {
  let found = false;
  walkConditions(rule.when, [], (condition) => {
    if (FactNames.some((name) => name in condition)) found = true;
  });
  return found;
}

function describeReason(reason: Reason): string {
  const action =
    reason.action.type === 'review'
      ? `review ${reason.action.queue} ${reason.action.priority}`
      : reason.action.type;
  return `${reason.ruleId} (${reason.status}, ${action})`;
}

/** What a failure shows: the item, what was expected and every reason the engine gave. */
function explain(example: CleanExample, expected: string, evaluation: Evaluation): string {
  const text = [example.title, example.body].filter((part) => part !== undefined).join(' | ');
  const reasons = [...evaluation.reasons, ...evaluation.shadowReasons].map(describeReason);
  return [
    `${example.id} [${example.kind}, ${example.locale}]: ${text}`,
    `  expected: ${expected}`,
    `  actual:   ${evaluation.decision}; reasons: ${reasons.length === 0 ? 'none' : reasons.join(', ')}`,
  ].join('\n');
}

describe('default policy packs', () => {
  it('parses every pack in policies/ without an issue', () => {
    const issues = parsedPacks.flatMap((result) => (result.ok ? [] : result.errors));
    expect(packFiles.length).toBeGreaterThan(0);
    expect(issues).toEqual([]);
  });

  it('gives every rule a description and the guideline clause it enforces', () => {
    const undocumented = rules
      .filter((rule) => rule.description.trim().length < 10 || !/\d\.\d+: \S/.test(rule.clause))
      .map((rule) => rule.id);
    expect(rules.length).toBeGreaterThan(0);
    expect(undocumented).toEqual([]);
  });

  it('keeps every rule id unique across the packs', () => {
    const ids = rules.map((rule) => rule.id);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(repeated).toEqual([]);
  });

  it('routes reviews only to the documented queues', () => {
    const queues = new Set(
      rules.flatMap((rule) => (rule.action.type === 'review' ? [rule.action.queue] : [])),
    );
    expect([...queues].filter((queue) => !REVIEW_QUEUES.includes(queue))).toEqual([]);
  });

  it('holds at least 100 evasive and 100 clean examples in both languages and every kind', () => {
    for (const examples of [evasive, clean]) {
      expect(examples.length).toBeGreaterThanOrEqual(100);
      expect(new Set(examples.map((example) => example.locale))).toEqual(new Set(['ja', 'en']));
      expect(new Set(examples.map((example) => example.kind)).size).toBe(6);
    }
    const ids = [...evasive, ...clean].map((example) => example.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names only rules that exist as the expected reason of an evasive example', () => {
    const known = new Set(rules.map((rule) => rule.id));
    expect(evasive.map((example) => example.expect.ruleId).filter((id) => !known.has(id))).toEqual([]);
  });

  it.each(evasive.map((example) => [example.id, example] as const))(
    'flags %s with its expected decision and rule',
    (_id, example) => {
      const evaluation = evaluate(ruleSet, toSubmission(example), NOW);
      const expected = `${example.expect.decision} with ${example.expect.ruleId} among the live reasons`;
      const liveRuleIds = evaluation.reasons
        .filter((reason) => reason.status === 'live')
        .map((reason) => reason.ruleId);
      expect(
        { decision: evaluation.decision, matched: liveRuleIds.includes(example.expect.ruleId) },
        explain(example, expected, evaluation),
      ).toEqual({ decision: example.expect.decision, matched: true });
    },
  );

  it.each(clean.map((example) => [example.id, example] as const))(
    'allows %s with no live reason',
    (_id, example) => {
      const evaluation = evaluate(ruleSet, toSubmission(example), NOW);
      const liveReasons = evaluation.reasons.filter((reason) => reason.status === 'live');
      expect(
        { decision: evaluation.decision, liveReasons: liveReasons.length },
        explain(example, 'allow with no live reason', evaluation),
      ).toEqual({ decision: 'allow', liveReasons: 0 });
    },
  );

  it('fires every live rule on at least one evasive example', () => {
    const fired = new Set(
      evasive.flatMap((example) =>
        evaluate(ruleSet, toSubmission(example), NOW).reasons.map((reason) => reason.ruleId),
      ),
    );
    const silent = rules
      .filter((rule) => rule.status === 'live' && !readsFacts(rule) && !fired.has(rule.id))
      .map((rule) => rule.id);
    expect(silent).toEqual([]);
  });
});
