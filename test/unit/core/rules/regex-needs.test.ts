import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { normalise, toOriginalSpan } from '#core/normalise/normalise';
import { evaluate } from '#core/rules/evaluate';
import { type NeededLiteral, type RegexNeeds, regexNeeds } from '#core/rules/regex-needs';
import { isRegexWordUnit } from '#core/rules/word-boundary';
import { aRule, ruleSetOf } from '#test/helpers/rule-packs';

const NOW = new Date('2026-03-01T12:00:00Z');

// ß and þ survive normalisation and are letters, but not word characters for RE2's \b.
const TOKENS = [
  'a',
  'b',
  'one',
  'two',
  'zero',
  ' ',
  ', ',
  '-',
  'ß',
  'þ',
  'ßzero',
  'あ',
  '死ね',
  '1',
  'A',
  '\n',
];
const ATOMS = [
  ...TOKENS,
  '[ab]',
  '[il]',
  '[死氏]ね',
  '[0-7]',
  '\\s',
  '\\b',
  '\\B',
  '.',
  '\\d',
  '\\w',
  '[\\s,.-]',
  '[^a]',
  '^',
  '$',
  '\\pL',
  '[[:alpha:]]',
  '(?i:a)',
  '\\x61',
  '\\Qa.\\E',
  '\\bzero',
  'two\\b',
  '\\b(?:one|two)\\b',
];

const { pattern: patternArbitrary } = fc.letrec<{ pattern: string; piece: string }>((tie) => ({
  pattern: fc.oneof(
    { depthSize: 'small' },
    tie('piece'),
    fc.tuple(tie('pattern'), tie('pattern')).map(([left, right]) => `${left}${right}`),
    fc.tuple(tie('pattern'), tie('pattern')).map(([left, right]) => `(?:${left}|${right})`),
  ),
  piece: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...ATOMS),
    fc
      .tuple(tie('pattern'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{2,}', '{0,2}', '+?'))
      .map(([inner, quantifier]) => `(?:${inner})${quantifier}`),
  ),
}));
const textArbitrary = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 16 })
  .map((tokens) => tokens.join(''));

function compiles(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Starts of the occurrences of a literal inside [start, end) whose boundaries hold in the whole text. */
function occurrences(text: string, start: number, end: number, literal: NeededLiteral): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(literal.text, start); at !== -1; at = text.indexOf(literal.text, at + 1)) {
    const after = at + literal.text.length;
    if (after > end) break;
    if (literal.wordStart && at > 0 && isRegexWordUnit(text.charCodeAt(at - 1))) continue;
    if (literal.wordEnd && after < text.length && isRegexWordUnit(text.charCodeAt(after))) continue;
    starts.push(at);
  }
  return starts;
}

/** The first need a match breaks, or its length when it is longer than the needs allow. */
function brokenNeed(needs: RegexNeeds, text: string, start: number, end: number): string | undefined {
  if (end - start > needs.maxLength) return `a match of ${end - start} code units`;
  for (const need of needs.sets) {
    const found = need.literals.flatMap((literal) => occurrences(text, start, end, literal));
    if (found.length < need.hits || !found.some((at) => at - start <= need.lead)) return JSON.stringify(need);
  }
  return undefined;
}

/** Every non-empty match of the regex in the normalised text, as spans of the original (at most 50). */
function spansOf(regex: RE2JS, body: string): { field: 'body'; start: number; end: number }[] {
  const normalised = normalise(body);
  const found = regex.matcher(normalised.text);
  const spans: { field: 'body'; start: number; end: number }[] = [];
  while (spans.length < 50 && found.find()) {
    if (found.end() > found.start())
      spans.push({ field: 'body', ...toOriginalSpan(normalised, found.start(), found.end()) });
  }
  return spans;
}

function literalTexts(needs: RegexNeeds): string[][] {
  return needs.sets.map((need) => need.literals.map((literal) => literal.text));
}

describe('regexNeeds', () => {
  it('spells out small character classes and joins the words around a word boundary', () => {
    const needs = regexNeeds('\\b(?:my|our) (?:[il]g|snap)\\b');
    const joined = needs.sets.find((need) => need.literals.some((literal) => literal.text === 'my ig'));
    expect(joined?.literals).toEqual(
      expect.arrayContaining([
        { text: 'my ig', wordStart: true, wordEnd: true },
        { text: 'our lg', wordStart: true, wordEnd: true },
        { text: 'my snap', wordStart: true, wordEnd: true },
      ]),
    );
    expect(needs.maxLength).toBe(8);
  });

  it('asks for a repeated word as many times as the repetition needs', () => {
    const needs = regexNeeds('\\b(?:(?:zero|one|two)\\b[\\s,.-]*){7,}');
    const words = needs.sets.find((need) => need.literals.some((literal) => literal.text === 'zero'));
    expect(words?.hits).toBe(7);
    expect(words?.literals).toContainEqual({ text: 'one', wordStart: true, wordEnd: true });
    expect(needs.maxLength).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps a character class of kanji as the pair of words it allows', () => {
    expect(literalTexts(regexNeeds('[死氏]ね(?:[^るな]|$)'))).toContainEqual(['死ね', '氏ね']);
  });

  it('asks for nothing when a pattern can match without any particular text', () => {
    expect(regexNeeds('.{3,}x?').sets).toEqual([]);
    expect(regexNeeds('(?:ab)*|c?').sets).toEqual([]);
  });

  it('never names a literal that a matching text lacks, nor a length a match exceeds', () => {
    fc.assert(
      fc.property(
        patternArbitrary,
        fc.boolean(),
        fc.array(textArbitrary, { maxLength: 8 }),
        (pattern, fold, texts) => {
          fc.pre(compiles(pattern));
          const regex = RE2JS.compile(pattern, fold ? RE2JS.CASE_INSENSITIVE : 0);
          const needs = regexNeeds(pattern, fold);
          for (const text of texts) {
            const found = regex.matcher(text);
            while (found.find()) {
              expect(
                brokenNeed(needs, text, found.start(), found.end()),
                `${pattern} on ${JSON.stringify(text)}`,
              ).toBe(undefined);
              if (found.end() >= text.length) break;
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('wakes a regex at a word boundary as RE2 reads it, after a letter such as ß that is not a word character', () => {
    const ruleSet = ruleSetOf(aRule({ regex: { pattern: '\\bzero two\\b' } }));
    const decisionFor = (body: string) => evaluate(ruleSet, { kind: 'listing', body }, NOW).decision;
    expect(decisionFor('ßzero two')).toBe('review');
    expect(decisionFor('call zero two.')).toBe('review');
    expect(decisionFor('azero two')).toBe('allow');
    expect(decisionFor('zero twos')).toBe('allow');
  });

  it('lets a rule match, and highlight, exactly what its regex matches in the normalised text', () => {
    fc.assert(
      fc.property(
        patternArbitrary,
        fc.array(textArbitrary, { minLength: 1, maxLength: 6 }),
        (pattern, texts) => {
          fc.pre(compiles(pattern) && !RE2JS.compile(pattern).matches(''));
          const ruleSet = ruleSetOf(aRule({ regex: { pattern } }));
          const regex = RE2JS.compile(pattern);
          for (const body of [...texts, texts.join(' . ').repeat(3)]) {
            const evaluation = evaluate(ruleSet, { kind: 'listing', body }, NOW);
            expect(evaluation.reasons[0]?.spans ?? [], `${pattern} on ${JSON.stringify(body)}`).toEqual(
              spansOf(regex, body),
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
