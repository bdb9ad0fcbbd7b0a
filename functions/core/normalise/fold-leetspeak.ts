import { LEETSPEAK } from './confusables.ts';
import type { FoldBuffer } from './fold-buffer.ts';
import { addressEnd } from './fold-spelled-addresses.ts';
import { DIGIT, DOMAIN_LABEL, LATIN, LEET_SYMBOL, UNIT_CLASS } from './unit-class.ts';

const AT_SIGN = 0x40;
const FULL_STOP = 0x2e;
const WORD_CHARACTER = LATIN | DIGIT | LEET_SYMBOL;
/** A digit or symbol may start a word only when it is the shape of a letter: 0ffer, 1ine, |ine. */
const LEADING = new Set([0x30, 0x31, 0x7c]);
/** Longer runs are numbers: mp3 and ps4 fold, abc123 does not (covid19 neither: 9 is no letter). */
const MAX_RUN = 2;

const LETTER_OF = new Uint16Array(0x80);
for (const [symbol, letter] of Object.entries(LEETSPEAK))
  LETTER_OF[symbol.charCodeAt(0)] = letter.charCodeAt(0);

function classOf(unit: number): number {
  return UNIT_CLASS[unit] as number;
}

/** `@` before a domain, its dots written out or not (`taro@gmail.com`, `taro@gmail dot com`), is an address. */
function isAddressSign(units: Uint16Array, length: number, at: number): boolean {
  let position = at + 1;
  while (position < length && (classOf(units[position] as number) & DOMAIN_LABEL) !== 0) position++;
  const literal =
    position > at + 1 &&
    units[position] === FULL_STOP &&
    position + 1 < length &&
    (classOf(units[position + 1] as number) & DOMAIN_LABEL) !== 0;
  return literal || addressEnd(units, length, at) >= 0;
}

/** Folds the runs of digits and symbols inside one word of Latin letters [start, end). */
function foldWord(units: Uint16Array, start: number, end: number): void {
  let position = start;
  while (position < end) {
    if ((classOf(units[position] as number) & LATIN) !== 0) {
      position++;
      continue;
    }
    const runStart = position;
    let foldable = true;
    let digitsOnly = true;
    while (position < end && (classOf(units[position] as number) & LATIN) === 0) {
      const unit = units[position] as number;
      if (unit >= 0x80 || LETTER_OF[unit] === 0) foldable = false;
      if ((classOf(unit) & DIGIT) === 0) digitsOnly = false;
      position++;
    }
    const runLength = position - runStart;
    const letterBefore = runStart > start;
    const letterAfter = position < end;
    const fold =
      foldable &&
      runLength <= MAX_RUN &&
      ((letterBefore && letterAfter) ||
        (letterBefore && digitsOnly) ||
        (letterAfter && runLength === 1 && LEADING.has(units[runStart] as number)));
    if (fold)
      for (let index = runStart; index < position; index++)
        units[index] = LETTER_OF[units[index] as number] as number;
  }
}

/**
 * Reads digits and symbols inside words of Latin letters as the letters they stand for: `p4yp4l` is
 * `paypal`, `wh@tsapp` is `whatsapp`, `h3ll0` is `hello`. A run folds when it sits between letters, or
 * ends a word and is all digits, or is one 0, 1 or | that starts a word; runs longer than two, runs
 * with 2, 6, 8 or 9, and words without a letter (prices, phone numbers, years) keep their digits.
 */
export function foldLeetspeak(buffer: FoldBuffer): void {
  const { units, length } = buffer;
  let start = -1;
  let hasLetter = false;
  let hasOther = false;
  for (let position = 0; position <= length; position++) {
    const unit = position < length ? (units[position] as number) : 0;
    const unitClass = classOf(unit);
    if ((unitClass & WORD_CHARACTER) !== 0 && (unit !== AT_SIGN || !isAddressSign(units, length, position))) {
      if (start < 0) {
        start = position;
        hasLetter = false;
        hasOther = false;
      }
      if ((unitClass & LATIN) !== 0) hasLetter = true;
      else hasOther = true;
    } else if (start >= 0) {
      if (hasLetter && hasOther) foldWord(units, start, position);
      start = -1;
    }
  }
}
