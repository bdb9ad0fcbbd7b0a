import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inBatches, splitUtf8, utf8Length } from '#adapters/comprehend/text-pieces';

/** Text mixing ASCII, accented Latin, Japanese, emoji (surrogate pairs) and whitespace. */
const mixedText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      fc.constantFrom('é', 'ß', 'ñ', 'ー', '日本語', 'カタカナ', '😀', '👍🏽', '𠮷', ' ', '\n', '\t'),
    ),
    { maxLength: 400 },
  )
  .map((parts) => parts.join(''));

const withoutWhitespace = (text: string) => text.replace(/\s/gu, '');
/** A surrogate without its other half: what a cut inside a pair leaves behind. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('splitUtf8', () => {
  it('returns pieces within the byte limit that are well-formed and lose no text when the text is long and mixed', () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 4, max: 1_000 }), (text, maxBytes) => {
        const pieces = splitUtf8(text, maxBytes);

        for (const piece of pieces) {
          expect(utf8Length(piece)).toBeLessThanOrEqual(maxBytes);
          expect(piece).not.toMatch(LONE_SURROGATE);
        }
        expect(withoutWhitespace(pieces.join(''))).toBe(withoutWhitespace(text));
      }),
    );
  });

  it('cuts after a space rather than inside a word when a space falls in the second half of a piece', () => {
    const pieces = splitUtf8('moderation pipeline checks', 16);

    expect(pieces[0]).toBe('moderation ');
  });

  it('never splits a surrogate pair when an emoji straddles the limit', () => {
    const pieces = splitUtf8(`abc${'😀'.repeat(3)}`, 5);

    expect(pieces).toEqual(['abc', '😀', '😀', '😀']);
  });

  it('leaves out pieces of only whitespace', () => {
    expect(splitUtf8('   \n\t  ', 4)).toEqual([]);
  });
});

describe('inBatches', () => {
  it('groups items in order into batches of at most the size when there are more than one batch holds', () => {
    const items = Array.from({ length: 23 }, (_, index) => index);

    const batches = inBatches(items, 10);

    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(items);
  });
});
