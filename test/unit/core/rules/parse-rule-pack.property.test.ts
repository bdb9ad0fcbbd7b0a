import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileRuleSet } from '#core/rules/compile';
import { parseRulePack } from '#core/rules/parse-rule-pack';
import { aRuleArbitrary } from '#test/helpers/rule-arbitraries';

/** Words a lead might paste into a keyword list, including ones that fold to nothing or to punctuation. */
const pastedWord = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  fc.constantFrom(
    '\u200b',
    '\u200b\u200c',
    '\u3000',
    ' ',
    '-',
    '・',
    '゛',
    '\u0301',
    'ー',
    '!',
    'paypay',
    'ﾗｲﾝ',
  ),
);

/** A pack as a lead might write it: generated rules, some with pasted keyword lists and keyword sets. */
const generatedPack = fc
  .record({
    rules: fc.array(aRuleArbitrary(), { minLength: 1, maxLength: 5 }),
    pasted: fc.array(pastedWord, { minLength: 1, maxLength: 3 }),
    setWords: fc.array(pastedWord, { minLength: 1, maxLength: 3 }),
    usePasted: fc.constantFrom('words', 'set', 'phrase', 'none'),
  })
  .map(({ rules, pasted, setWords, usePasted }) => {
    const generated = rules.map((rule, index) => ({ id: `gen.rule-${index}`, ...rule }));
    const pastedCondition = {
      words: { keywords: { words: pasted } },
      set: { keywords: { set: 'pasted' } },
      phrase: { phrase: pasted.join('') },
      none: undefined,
    }[usePasted];
    return {
      pack: 'generated',
      description: 'a generated pack',
      keywordSets: { pasted: setWords },
      rules: [
        ...generated,
        ...(pastedCondition === undefined
          ? []
          : [
              {
                id: 'pasted.rule',
                description: 'a rule with pasted words',
                clause: 'guidelines 0.2',
                status: 'live',
                severity: 'low',
                when: pastedCondition,
                action: { type: 'block' },
              },
            ]),
      ],
    };
  });

describe('parseRulePack', () => {
  it('returns errors with a line and a message, never throws, whatever YAML value it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const result = parseRulePack('fuzz.yaml', stringify(value));
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.column).toBeGreaterThanOrEqual(1);
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accepts only packs that compile, so a pack that passes validation never fails at rollout', () => {
    fc.assert(
      fc.property(generatedPack, (pack) => {
        const result = parseRulePack('generated.yaml', stringify(pack));
        if (!result.ok) {
          for (const error of result.errors) expect(error.field.length).toBeGreaterThan(0);
          return;
        }
        expect(() => compileRuleSet([result.pack])).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('names the keyword that folds to nothing, the smallest pack the property above once found', () => {
    const pack = {
      pack: 'pasted',
      description: 'a pack with a pasted zero-width space',
      keywordSets: { contact: ['line', '\u200b'] },
      rules: [
        {
          id: 'pasted.rule',
          description: 'a rule with a pasted word',
          clause: 'guidelines 0.2',
          status: 'live',
          severity: 'low',
          when: { any: [{ keywords: { words: ['\u200b'] } }, { phrase: '\u200b\u200d' }] },
          action: { type: 'block' },
        },
      ],
    };
    const result = parseRulePack('pasted.yaml', stringify(pack));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field)).toEqual([
      'keywordSets.contact[1]',
      'rules[0].when.any[0].keywords.words[0]',
      'rules[0].when.any[1].phrase',
    ]);
    for (const error of result.errors) expect(error.message).toMatch(/empty once normalised/);
  });
});
