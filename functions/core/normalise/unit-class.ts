import { LEETSPEAK } from './confusables.ts';
import { SEPARATORS } from './punctuation.ts';
import { forEachRange } from './unicode-sets.ts';

/** Class bits of a folded code unit, as the context passes read them. */
export const SEPARATOR = 1;
export const LATIN = 2;
export const DIGIT = 4;
/** A symbol that stands for a letter inside a word (@ $ | !). */
export const LEET_SYMBOL = 8;
/** Where a spelled-out `@` may begin: a space, `@`, an opening bracket, `あ` of あっと. */
export const AT_START = 16;
/** Present in every spelled-out `@` (@, a of at, あ of あっと): gates the address pass. */
export const AT_HINT = 32;
/** Present in every spelled-out `.` (., d of dot, ど of どっと, 。, ・): gates the address pass. */
export const DOT_HINT = 64;

/** Word groups: a single letter is one whose neighbours are not of its group (`L I N Eで`). */
export const NOT_WORD = 0;
export const ALPHANUMERIC = 1;
export const KANA = 2;
export const HAN = 3;
export const OTHER_WORD = 4;

const classedUnits = new Set<number>();

function buildClasses(): Uint8Array {
  const classes = new Uint8Array(0x10000);
  const mark = (characters: string, bits: number) => {
    for (const char of characters) {
      const unit = char.charCodeAt(0);
      classes[unit] = (classes[unit] as number) | bits;
      classedUnits.add(unit);
    }
  };
  mark(SEPARATORS, SEPARATOR);
  mark('abcdefghijklmnopqrstuvwxyz', LATIN);
  mark('0123456789', DIGIT);
  mark(
    Object.keys(LEETSPEAK)
      .filter((char) => !(char >= '0' && char <= '9'))
      .join(''),
    LEET_SYMBOL,
  );
  mark(' @([{<【あ', AT_START);
  mark('@aあ', AT_HINT);
  mark('.dど。・', DOT_HINT);
  return classes;
}

function buildGroups(): Uint8Array {
  const groups = new Uint8Array(0x10000);
  const word = '(?=[\\p{L}\\p{N}])';
  const byClass = [HAN, KANA, OTHER_WORD];
  forEachRange(
    [
      `(?:${word}\\p{Script=Han})`,
      `(?:${word}[\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc])`,
      '[\\p{L}\\p{N}]',
    ],
    (classIndex, first, end) => groups.fill(byClass[classIndex] as number, first, end),
  );
  for (const char of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') {
    groups[char.charCodeAt(0)] = ALPHANUMERIC;
  }
  return groups;
}

/** Class bits per folded code unit. */
export const UNIT_CLASS: Uint8Array = buildClasses();
/** The code units that have class bits. */
export const CLASSED_UNITS: readonly number[] = [...classedUnits];
/** Word group per folded code unit; NOT_WORD for spaces, punctuation, marks and surrogates. */
export const UNIT_GROUP: Uint8Array = buildGroups();
