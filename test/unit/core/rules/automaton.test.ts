import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AutomatonPattern,
  BoundaryLeft,
  BoundaryRight,
  buildAutomaton,
  MatchBuffer,
  RegexBoundaryLeft,
  RegexBoundaryRight,
} from '#core/rules/automaton';
import { isRegexWordUnit, isWordUnit } from '#core/rules/word-boundary';

/** Matches as `pattern@end`; `rows` caps how many states get a full transition row. */
function scanAll(patterns: AutomatonPattern[], text: string, rows?: number): string[] {
  const hits = new MatchBuffer();
  const alphabet = new Set(
    patterns.flatMap((pattern) => [...pattern.text].map((unit) => unit.charCodeAt(0))),
  );
  const budget = rows === undefined ? undefined : rows * (alphabet.size + 1);
  buildAutomaton(patterns, undefined, undefined, budget).scan(text, 0, hits);
  const found: string[] = [];
  for (let index = 0; index < hits.count; index++) found.push(`${hits.patterns[index]}@${hits.ends[index]}`);
  return found.sort();
}

function naiveMatches(patterns: AutomatonPattern[], text: string): string[] {
  const found: string[] = [];
  for (const [index, pattern] of patterns.entries()) {
    for (
      let start = text.indexOf(pattern.text);
      start !== -1;
      start = text.indexOf(pattern.text, start + 1)
    ) {
      const end = start + pattern.text.length;
      if (pattern.boundary & BoundaryLeft && start > 0 && isWordUnit(text.charCodeAt(start - 1))) continue;
      if (pattern.boundary & BoundaryRight && end < text.length && isWordUnit(text.charCodeAt(end))) continue;
      if (pattern.boundary & RegexBoundaryLeft && start > 0 && isRegexWordUnit(text.charCodeAt(start - 1)))
        continue;
      if (pattern.boundary & RegexBoundaryRight && end < text.length && isRegexWordUnit(text.charCodeAt(end)))
        continue;
      found.push(`${index}@${end}`);
    }
  }
  return found.sort();
}

const unit = fc.constantFrom('a', 'b', 'c', 'あ', 'い', ' ', '1', '_', 'ß', '\ud83d', '\ude00');
const word = fc.array(unit, { minLength: 1, maxLength: 5 }).map((units) => units.join(''));
const pattern = fc.record({ text: word, boundary: fc.integer({ min: 0, max: 15 }) });

describe('Automaton', () => {
  it('reports exactly the matches a naive search finds when patterns overlap and repeat, whatever states have full rows', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 40 }),
        fc.array(unit, { maxLength: 80 }).map((units) => units.join('')),
        fc.integer({ min: 1, max: 6 }),
        (patterns, text, rows) => {
          const expected = naiveMatches(patterns, text);
          expect(scanAll(patterns, text)).toEqual(expected);
          expect(scanAll(patterns, text, rows)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds every keyword of a large set when states have many children', () => {
    const patterns = Array.from({ length: 3_000 }, (_, index) => ({
      text: `k${index.toString(36)}x`,
      boundary: 3,
    }));
    const text = patterns
      .filter((_, index) => index % 7 === 0)
      .map((entry) => entry.text)
      .join(' ');
    expect(scanAll(patterns, text)).toEqual(naiveMatches(patterns, text));
    expect(scanAll(patterns, text)).toHaveLength(Math.ceil(3_000 / 7));
  });

  it('does not fire an ASCII keyword inside a longer word when both ends need a boundary', () => {
    const patterns = [
      { text: 'line', boundary: BoundaryLeft | BoundaryRight },
      { text: 'cash', boundary: BoundaryLeft | BoundaryRight },
    ];
    expect(scanAll(patterns, 'online guideline cashmere lines')).toEqual([]);
    expect(scanAll(patterns, 'line: cash!')).toEqual(['0@4', '1@10']);
  });

  it('fires an ASCII keyword next to Japanese text when Japanese is not part of a word', () => {
    const patterns = [{ text: 'line', boundary: BoundaryLeft | BoundaryRight }];
    expect(scanAll(patterns, 'line交換しよう')).toEqual(['0@4']);
  });

  it('fires a Japanese keyword inside a longer run of Japanese when it has no boundary', () => {
    const patterns = [{ text: 'てわたし', boundary: 0 }];
    expect(scanAll(patterns, 'げんきんてわたしのみ')).toEqual(['0@8']);
  });

  it('reports the feature bits of the text when a classifier marks code units', () => {
    const automaton = buildAutomaton([{ text: 'x', boundary: 0 }], (codeUnit) =>
      codeUnit >= 0x30 && codeUnit <= 0x39 ? 1 : codeUnit === 0x40 ? 2 : 0,
    );
    const hits = new MatchBuffer();
    expect(automaton.scan('call 090', 0, hits)).toBe(1);
    expect(automaton.scan('me@example', 0, hits)).toBe(2);
    expect(automaton.scan('plain', 0, hits)).toBe(0);
  });

  it('refuses an empty pattern when building', () => {
    expect(() => buildAutomaton([{ text: '', boundary: 0 }])).toThrow(/empty/);
  });
});
