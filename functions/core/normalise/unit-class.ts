import { LEETSPEAK } from './confusables.ts';
import * as Context from './context-automaton.ts';
import { SEPARATORS } from './punctuation.ts';
import { forEachRange } from './unicode-sets.ts';

/** Class bits of a folded code unit, as the context passes read them. */
export const SEPARATOR = 1;
export const LATIN = 2;
export const DIGIT = 4;
/** A symbol that stands for a letter inside a word (@ $ | !). */
export const LEET_SYMBOL = 8;
/** The space, after which a written-out `@` may begin (` at `, ` (at)`, ` アット`). */
export const SPACE = 16;
/** What a written-out `@` begins with right after the local part: `@`, an opening bracket, あ of あっと. */
export const AT_FORM_START = 32;
/** What a domain label may hold: letters, digits, hyphens and the symbols leetspeak reads as letters (gm!il). */
export const DOMAIN_LABEL = 64;

/** Word groups, in bits 12-14: a single letter is one whose neighbours are not of its group (`L I N Eで`). */
const GROUP_SHIFT = 12;
export const NOT_WORD = 0;
export const ALPHANUMERIC = 1;
export const KANA = 2;
export const HAN = 3;
export const OTHER_WORD = 4;

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

function addClasses(classes: Uint16Array): void {
  const mark = (characters: string, bits: number) => {
    for (const char of characters) {
      const unit = char.charCodeAt(0);
      classes[unit] = (classes[unit] as number) | bits;
    }
  };
  mark(SEPARATORS, SEPARATOR);
  mark(LOWERCASE, LATIN);
  mark(DIGITS, DIGIT);
  mark(
    Object.keys(LEETSPEAK)
      .filter((char) => !DIGITS.includes(char))
      .join(''),
    LEET_SYMBOL,
  );
  mark(' ', SPACE);
  mark('@([{<【あ', AT_FORM_START);
  mark(`${LOWERCASE}${DIGITS}-$|!`, DOMAIN_LABEL);
}

/**
 * Fills in the word group of every BMP code unit and its context code, with one native regex pass
 * for the scripts and a few dozen units set one by one.
 */
function addGroups(classes: Uint16Array, codes: Uint8Array): void {
  const word = '[\\p{L}\\p{N}]';
  const kana = '[\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc]';
  const groups = [HAN, KANA, OTHER_WORD];
  const groupCodes = [Context.HAN, Context.KANA, Context.OTHER_WORD];
  forEachRange(
    [`[\\p{Script=Han}&&${word}]`, `[${kana}&&${word}]`, `[${word}--\\p{Script=Han}--${kana}]`],
    (classIndex, first, end) => {
      classes.fill((groups[classIndex] as number) << GROUP_SHIFT, first, end);
      codes.fill(groupCodes[classIndex] as number, first, end);
    },
  );
  for (const char of `${LOWERCASE}${UPPERCASE}${DIGITS}`)
    classes[char.charCodeAt(0)] = ALPHANUMERIC << GROUP_SHIFT;
  const assign = (characters: string, code: number) => {
    for (const char of characters) codes[char.charCodeAt(0)] = code;
  };
  assign(`${LOWERCASE}${UPPERCASE}`, Context.LATIN);
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

/** Class bits (0-6) and word group (bits 12-14) per folded code unit. */
export const UNIT_CLASS: Uint16Array = new Uint16Array(0x10000);
/** Context code per folded code unit, as the automata of context-automaton.ts read it. */
export const CONTEXT_CODE: Uint8Array = new Uint8Array(0x10000);
addGroups(UNIT_CLASS, CONTEXT_CODE);
addClasses(UNIT_CLASS);

/** The word group of a folded code unit; NOT_WORD for spaces, punctuation, marks and surrogates. */
export function groupOf(unit: number): number {
  return (UNIT_CLASS[unit] as number) >> GROUP_SHIFT;
}
