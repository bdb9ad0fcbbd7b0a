import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAYMENT_PACK, policyDirectoriesPerTest } from '#test/helpers/rule-pack-files';
import { runPatrol } from '#test/helpers/run-patrol';
import { aSubmission } from '#test/helpers/submissions';

const directoryWith = policyDirectoriesPerTest();

describe('patrol check', () => {
  it('prints the evaluation of a text as JSON', async () => {
    const dir = await directoryWith({ 'payments.yaml': PAYMENT_PACK });
    const run = await runPatrol(['check', 'お支払いはPayPayで', '--kind', 'message', '--policies', dir]);
    expect(run.code).toBe(0);
    const evaluation = JSON.parse(run.stdout);
    expect(evaluation).toMatchObject({ decision: 'review', review: { queue: 'payments', priority: 'P2' } });
    expect(evaluation.reasons).toEqual([
      expect.objectContaining({ ruleId: 'pay.outside', spans: [{ field: 'body', start: 5, end: 11 }] }),
    ]);
  });

  it('prints one JSON line per item of a JSONL file, in the full or the short form', async () => {
    const full = aSubmission('listing', { contentId: 'full-1', body: '現金手渡しでお願いします' });
    const dir = await directoryWith({
      'payments.yaml': PAYMENT_PACK,
      'items.jsonl': [
        JSON.stringify({ id: 'short-1', kind: 'listing', locale: 'en', body: 'venmo only' }),
        '',
        JSON.stringify(full),
        JSON.stringify({ id: 'short-2', kind: 'comment', title: 'nice', body: 'great seller' }),
      ].join('\n'),
    });
    const run = await runPatrol(['check', '--input', join(dir, 'items.jsonl'), '--policies', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      lines.map((line) => [
        line.id,
        line.decision,
        line.reasons.map((reason: { ruleId: string }) => reason.ruleId),
      ]),
    ).toEqual([
      ['short-1', 'review', ['pay.outside']],
      ['full-1', 'allow', []],
      ['short-2', 'allow', []],
    ]);
    expect(lines[1].shadowReasons.map((reason: { ruleId: string }) => reason.ruleId)).toEqual([
      'pay.cash-label',
    ]);
  });

  it('exits non-zero naming the line and the field when a line is malformed', async () => {
    const dir = await directoryWith({
      'payments.yaml': PAYMENT_PACK,
      'items.jsonl': [
        JSON.stringify({ id: 'ok', kind: 'listing', body: 'fine' }),
        JSON.stringify({ id: 'bad', kind: 'listing', body: 42 }),
        '{not json',
      ].join('\n'),
    });
    const run = await runPatrol(['check', '--input', join(dir, 'items.jsonl'), '--policies', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${join(dir, 'items.jsonl')}:2: field body:`);
    expect(run.stderr).toContain(`${join(dir, 'items.jsonl')}:3: not valid JSON`);
  });

  it('exits non-zero with the pack errors when the policies are invalid', async () => {
    const dir = await directoryWith({
      'payments.yaml': PAYMENT_PACK.replace('severity: high', 'severity: huge'),
    });
    const run = await runPatrol(['check', 'venmo', '--policies', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('rule pay.outside field rules[0].severity: `huge` is not allowed here');
  });
});
