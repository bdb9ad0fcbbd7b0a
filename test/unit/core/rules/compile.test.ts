import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '#core/rules/compile';
import { RuleSetCompileError } from '#core/rules/errors';
import { evaluate } from '#core/rules/evaluate';
import type { RulePack } from '#schemas/rule';
import { aPack, aRule } from '#test/helpers/rule-packs';

const NOW = new Date('2026-03-01T12:00:00Z');

function packWith(words: string[], id = 'pay.words'): RulePack {
  return aPack([aRule({ keywords: { words } }, { id })]);
}

/** The same value with every object's keys in reverse order, as another editor might write it. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, entry]) => [key, reverseKeys(entry)]),
  );
}

describe('compileRuleSet', () => {
  it('gives the same version to the same packs whatever the order of their keys', () => {
    const pack = packWith(['venmo', 'zelle']);
    const reordered = reverseKeys(pack) as RulePack;
    expect(compileRuleSet([reordered]).version).toBe(compileRuleSet([pack]).version);
  });

  it('gives a new version when a keyword changes', () => {
    expect(compileRuleSet([packWith(['venmo'])]).version).not.toBe(
      compileRuleSet([packWith(['zelle'])]).version,
    );
  });

  it('returns the set compiled before when the packs have not changed', () => {
    const first = compileRuleSet([packWith(['venmo', 'cash app'])]);
    const again = compileRuleSet([packWith(['venmo', 'cash app'])]);
    expect(again).toBe(first);
  });

  it('refuses two packs that use one rule id, naming both packs', () => {
    const packs = [
      aPack([aRule({ phrase: 'a' }, { id: 'dup.rule' })], undefined, 'first'),
      packWith(['b'], 'dup.rule'),
    ];
    expect(() => compileRuleSet(packs)).toThrow(RuleSetCompileError);
    expect(() => compileRuleSet(packs)).toThrow(/pack test-pack rule dup\.rule .*already used in pack first/);
  });

  it('refuses a keyword set that the pack does not define', () => {
    const pack = aPack([aRule({ keywords: { set: 'missing' } }, { id: 'set.rule' })]);
    expect(() => compileRuleSet([pack])).toThrow(
      /rule set\.rule field rules\[0\]\.when\.keywords\.set: there is no keyword set missing/,
    );
  });

  it('counts rules by status and distinct keywords after normalisation', () => {
    const pack = aPack([
      aRule({ keywords: { words: ['PayPay', 'ＰＡＹＰＡＹ', 'venmo'] } }, { id: 'a' }),
      aRule({ phrase: 'cash app' }, { id: 'b', status: 'shadow' }),
      aRule({ phrase: 'zelle' }, { id: 'c', status: 'draft' }),
    ]);
    const { stats } = compileRuleSet([pack]);
    expect(stats.rules).toEqual({ live: 1, shadow: 1, draft: 1 });
    expect(stats.keywords).toBe(4);
  });

  it('matches every one of 10,000 keywords when they share one automaton', () => {
    const words = Array.from({ length: 10_000 }, (_, index) => `kw${index.toString(36)}q`);
    const ruleSet = compileRuleSet([packWith(words, 'many.words')]);
    const sample = [words[0], words[4_321], words[9_999]] as string[];
    for (const word of sample) {
      expect(evaluate(ruleSet, { kind: 'listing', body: `selling ${word} cheap` }, NOW).decision).toBe(
        'review',
      );
    }
    expect(evaluate(ruleSet, { kind: 'listing', body: 'selling kw1 cheap' }, NOW).decision).toBe('allow');
  });
});
