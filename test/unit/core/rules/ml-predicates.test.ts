import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '#core/rules/compile';
import { evaluate } from '#core/rules/evaluate';
import { parseRulePack } from '#core/rules/parse-rule-pack';
import type { Condition, RulePack } from '#schemas/rule';

const NOW = new Date('2026-11-20T09:00:00Z');
const MESSAGE = { kind: 'message', locale: 'en', body: 'You are a complete waste of space.' } as const;

function packWith(when: Condition): RulePack {
  return {
    pack: 'ml-test',
    description: 'One rule on classifier scores.',
    rules: [
      {
        id: 'ml.toxic-to-review',
        description: 'Scored toxic by a classifier.',
        clause: 'guidelines 2.1: be civil',
        status: 'live',
        severity: 'medium',
        when,
        action: { type: 'review', queue: 'ml', priority: 'P3' },
      },
    ],
  };
}

function decides(when: Condition, mlScores?: Record<string, number>): string {
  return evaluate(compileRuleSet([packWith(when)]), MESSAGE, NOW, mlScores === undefined ? {} : { mlScores })
    .decision;
}

describe('ml predicates', () => {
  it('sends an item to review when its score reaches the threshold, and allows it below', () => {
    const when: Condition = { ml: { label: 'toxic', atLeast: 0.8 } };

    expect(decides(when, { toxic: 0.8 })).toBe('review');
    expect(decides(when, { toxic: 0.79 })).toBe('allow');
  });

  it('treats the predicate as false when the item has no scores or none for the label', () => {
    expect(decides({ ml: { label: 'toxic', atLeast: 0 } })).toBe('allow');
    expect(decides({ ml: { label: 'toxic', atLeast: 0 } }, { insult: 0.99 })).toBe('allow');
    expect(decides({ not: { ml: { label: 'toxic', below: 0.5 } } })).toBe('review');
  });

  it('combines a score band with other predicates', () => {
    const when: Condition = {
      all: [{ ml: { label: 'harassment', atLeast: 0.5, below: 0.9 } }, { keywords: { words: ['waste'] } }],
    };

    expect(decides(when, { harassment: 0.6 })).toBe('review');
    expect(decides(when, { harassment: 0.95 })).toBe('allow');
  });

  it('rejects a pack whose ml predicate has no threshold or a score outside 0 to 1, naming the field', () => {
    const yaml = (test: string) => `pack: ml-test
description: One rule.
rules:
  - id: ml.rule
    description: The rule.
    clause: test
    status: live
    severity: low
    when: { ml: ${test} }
    action: { type: block }
`;
    const noThreshold = parseRulePack('ml.yaml', yaml('{ label: toxic }'));
    const tooHigh = parseRulePack('ml.yaml', yaml('{ label: toxic, atLeast: 80 }'));

    expect(noThreshold.ok).toBe(false);
    expect(JSON.stringify(noThreshold)).toContain('needs atLeast or below');
    expect(tooHigh.ok).toBe(false);
    expect(JSON.stringify(tooHigh)).toContain('atLeast');
  });
});
