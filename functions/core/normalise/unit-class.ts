import { LEETSPEAK } from './confusables.ts';
import * as Context from './context-automaton.ts';
import { SEPARATORS } from './punctuation.ts';
import { forEachRange } from './unicode-sets.ts';

/** Class bits of a folded code unit, as the context passes read them (the fold table keeps the low 8). */
export const SEPARATOR = 1;
export const LATIN = 2;
export const DIGIT = 4;
/** A symbol that stands for a letter inside a word (@ $ | !). */
export const LEET_SYMBOL = 8;
/** The space, after which a spelled-out `@` may begin (` at `, ` (at)`, ` アット`). */
export const SPACE = 16;
/** Present in every spelled-out `@` (@, a of at, あ of あっと): gates the address pass. */
export const AT_HINT = 32;
/** Present in every spelled-out `.` (., d of dot, ど of どっと, 。, ・): gates the address pass. */
export const DOT_HINT = 64;

/** What a domain label may hold: letters, digits, hyphens and the symbols leetspeak reads as letters (gm!il). */
export const DOMAIN_LABEL = 128;

/** A digit or symbol that leetspeak reads as a letter (0 1 3 4 5 7 @ $ | !). */
export const LEET_LETTER = 256;
/** What a written-out `@` begins with, right after the local part: `@`, an opening bracket, `あ` of あっと. */
export const AT_FORM_START = 512;

export const GROUP_SHIFT = 12;
export const GROUP_MASK = 7 << GROUP_SHIFT;

/** Word groups: a single letter is one whose neighbours are not of its group (`L I N Eで`). */
export const NOT_WORD = 0;
export const ALPHANUMERIC = 1;
export const KANA = 2;
export const HAN = 3;
export const OTHER_WORD = 4;

const classedUnits = new Set<number>();

function addClasses(classes: Uint16Array): void {
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
  mark(' ', SPACE);
  mark('@([{<【あ', AT_FORM_START);
  mark('@aあ', AT_HINT);
  mark('.dど。・', DOT_HINT);
  mark('abcdefghijklmnopqrstuvwxyz0123456789-$|!', DOMAIN_LABEL);
  mark(Object.keys(LEETSPEAK).join(''), LEET_LETTER);
}

/**
 * Fills in the word group of every BMP code unit (bits 12-14) and its context code, with one native
 * regex pass for the scripts and a few dozen units set one by one.
 */
function addGroups(classes: Uint16Array, codes: Uint8Array): void {
  const word = '(?=[\\p{L}\\p{N}])';
  const groups = [HAN, KANA, OTHER_WORD];
  const groupCodes = [Context.HAN, Context.KANA, Context.OTHER_WORD];
  forEachRange(
    [
      `(?:${word}\\p{Script=Han})`,
      `(?:${word}[\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc])`,
      '[\\p{L}\\p{N}]',
    ],
    (classIndex, first, end) => {
      classes.fill((groups[classIndex] as number) << GROUP_SHIFT, first, end);
      codes.fill(groupCodes[classIndex] as number, first, end);
    },
  );
  for (const char of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') {
    classes[char.charCodeAt(0)] = ALPHANUMERIC << GROUP_SHIFT;
  }
  const assign = (characters: string, code: number) => {
    for (const char of characters) codes[char.charCodeAt(0)] = code;
  };
  assign('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', Context.LATIN);
  assign('a', Context.LETTER_A);
  assign('t', Context.LETTER_T);
  assign('d', Context.LETTER_D);
  assign('o', Context.LETTER_O);
  assign('1', Context.LEADING_DIGIT);
  assign('35', Context.LEET_DIGIT);
  assign('0', Context.DIGIT_ZERO);
  assign('4', Context.DIGIT_FOUR);
  assign('7', Context.DIGIT_SEVEN);
  assign('2689', Context.OTHER_DIGIT);
  assign(SEPARATORS, Context.SEPARATOR);
  assign(' ', Context.SPACE);
  assign('|', Context.PIPE);
  assign('.', Context.FULL_STOP);
  assign('([{<【', Context.OPEN_BRACKET);
  assign(')]}>】', Context.CLOSE_BRACKET);
  assign('@', Context.AT_SIGN);
  assign('$!', Context.LEET_SYMBOL);
  assign('あ', Context.KANA_A);
  assign('っ', Context.KANA_SMALL_TSU);
  assign('と', Context.KANA_TO);
  assign('ど', Context.KANA_DO);
}

/** Class bits (0-8) and word group (bits 12-14) per folded code unit. */
export const UNIT_CLASS: Uint16Array = new Uint16Array(0x10000);
/** Context code per folded code unit, as the automata of context-automaton.ts read it. */
export const CONTEXT_CODE: Uint8Array = new Uint8Array(0x10000);
addGroups(UNIT_CLASS, CONTEXT_CODE);
addClasses(UNIT_CLASS);
/** The code units that have class bits. */
export const CLASSED_UNITS: readonly number[] = [...classedUnits];

/** The word group of a folded code unit; NOT_WORD for spaces, punctuation, marks and surrogates. */
export function groupOf(unit: number): number {
  return (UNIT_CLASS[unit] as number) >> GROUP_SHIFT;
}
