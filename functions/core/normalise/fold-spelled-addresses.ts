import type { FoldBuffer } from './fold-buffer.ts';
import { AT_FORM_START, DOMAIN_LABEL, groupOf, LATIN, NOT_WORD, SPACE, UNIT_CLASS } from './unit-class.ts';

const SPACE_UNIT = 0x20;
const AT_SIGN = 0x40;
const FULL_STOP = 0x2e;
const IDEOGRAPHIC_FULL_STOP = 0x3002;
const MIDDLE_DOT = 0x30fb;
const AT_WORD = [0x61, 0x74];
const DOT_WORD = [0x64, 0x6f, 0x74];
const AT_KANA = [0x3042, 0x3063, 0x3068];
const DOT_KANA = [0x3069, 0x3063, 0x3068];
const CLOSING_BRACKETS = new Map([
  [0x28, 0x29],
  [0x5b, 0x5d],
  [0x7b, 0x7d],
  [0x3c, 0x3e],
  [0x3010, 0x3011],
]);

/** How a `@` or `.` was written: as the sign itself, as a bare word (at, dot), or marked (brackets, kana). */
const SIGN = 1;
const BARE_WORD = 2;
const MARKED = 3;
let formKind = 0;

function startsWith(units: Uint16Array, length: number, at: number, word: readonly number[]): boolean {
  if (at + word.length > length) return false;
  for (let index = 0; index < word.length; index++) if (units[at + index] !== word[index]) return false;
  return true;
}

function bracketedEnd(
  units: Uint16Array,
  length: number,
  at: number,
  sign: number,
  words: readonly number[][],
): number {
  const closing = CLOSING_BRACKETS.get(units[at] as number);
  if (closing === undefined) return -1;
  let inner = at + 1;
  if (inner < length && units[inner] === sign) inner++;
  else {
    const word = words.find((candidate) => startsWith(units, length, inner, candidate));
    if (word === undefined) return -1;
    inner += word.length;
  }
  return inner < length && units[inner] === closing ? inner + 1 : -1;
}

/** The end of an `@` written at `start` (@, at, (at), [at], [@], あっと), spaces around it included; -1 when none. */
function atFormEnd(units: Uint16Array, length: number, start: number): number {
  const spaced = units[start] === SPACE_UNIT;
  const at = spaced ? start + 1 : start;
  if (at >= length) return -1;
  let end: number;
  if (units[at] === AT_SIGN) {
    end = at + 1;
    formKind = SIGN;
  } else if (startsWith(units, length, at, AT_WORD)) {
    if (!spaced || at + 2 >= length || units[at + 2] !== SPACE_UNIT) return -1;
    end = at + 2;
    formKind = BARE_WORD;
  } else if (startsWith(units, length, at, AT_KANA)) {
    end = at + 3;
    formKind = MARKED;
  } else {
    end = bracketedEnd(units, length, at, AT_SIGN, [AT_WORD, AT_KANA]);
    if (end < 0) return -1;
    formKind = MARKED;
  }
  return end < length && units[end] === SPACE_UNIT ? end + 1 : end;
}

/** The end of a `.` written at `start` (., dot, (dot), [.], どっと, 。, ・); -1 when none. */
function dotFormEnd(units: Uint16Array, length: number, start: number): number {
  if (start >= length) return -1;
  const unit = units[start];
  if (unit === FULL_STOP) {
    formKind = SIGN;
    return start + 1;
  }
  if (unit === IDEOGRAPHIC_FULL_STOP || unit === MIDDLE_DOT) {
    // Japanese punctuation that stands for the dot; common enough in prose to count as the sign itself.
    formKind = SIGN;
    return start + 1;
  }
  const spaced = unit === SPACE_UNIT;
  const at = spaced ? start + 1 : start;
  let end: number;
  if (startsWith(units, length, at, DOT_WORD)) {
    if (!spaced || at + 3 >= length || units[at + 3] !== SPACE_UNIT) return -1;
    end = at + 3;
    formKind = BARE_WORD;
  } else if (startsWith(units, length, at, DOT_KANA)) {
    end = at + 3;
    formKind = MARKED;
  } else {
    end = bracketedEnd(units, length, at, FULL_STOP, [DOT_WORD, DOT_KANA]);
    if (end < 0) return -1;
    formKind = MARKED;
  }
  return end < length && units[end] === SPACE_UNIT ? end + 1 : end;
}

function labelEnd(units: Uint16Array, length: number, start: number): number {
  let end = start;
  while (end < length && ((UNIT_CLASS[units[end] as number] as number) & DOMAIN_LABEL) !== 0) end++;
  return end;
}

/** Two or more label characters with a letter among them: `com`, `jp`, `c0m`, not `30` (5.30). */
function isTopLevelDomain(units: Uint16Array, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let index = start; index < end; index++) {
    if (((UNIT_CLASS[units[index] as number] as number) & LATIN) !== 0) return true;
  }
  return false;
}

/**
 * The end of an address whose `@` form starts at `start` (the local part is before it), or -1. A bare
 * `at` needs a spelled-out dot as well (`taro at gmail dot com`), so `meet at example.com` stays prose.
 */
export function addressEnd(units: Uint16Array, length: number, start: number): number {
  let position = atFormEnd(units, length, start);
  if (position < 0) return -1;
  const atKind = formKind;
  const firstLabelEnd = labelEnd(units, length, position);
  if (firstLabelEnd === position) return -1;
  position = firstLabelEnd;
  let spelledDot = false;
  let end = -1;
  for (;;) {
    const label = dotFormEnd(units, length, position);
    if (label < 0) break;
    if (formKind !== SIGN) spelledDot = true;
    const next = labelEnd(units, length, label);
    if (next === label) break;
    if (isTopLevelDomain(units, label, next) && (atKind !== BARE_WORD || spelledDot)) end = next;
    position = next;
  }
  return end;
}

/**
 * Whether an `@` form may start at `index`, right after a letter or digit of the local part: `@`, a
 * bracket or あ there, or a space before one of them or before `at`.
 */
export function isAddressStart(units: Uint16Array, length: number, index: number): boolean {
  if (index === 0 || groupOf(units[index - 1] as number) === NOT_WORD) return false;
  const unitClass = UNIT_CLASS[units[index] as number] as number;
  if ((unitClass & AT_FORM_START) !== 0) return true;
  const next = index + 1 < length ? (units[index + 1] as number) : 0;
  return (
    (unitClass & SPACE) !== 0 && (next === AT_WORD[0] || ((UNIT_CLASS[next] as number) & AT_FORM_START) !== 0)
  );
}

function writeSign(buffer: FoldBuffer, written: number, sign: number, start: number, end: number): void {
  buffer.starts[written] = buffer.starts[start] as number;
  buffer.ends[written] = buffer.ends[end - 1] as number;
  buffer.units[written] = sign;
}

function rewriteAddress(buffer: FoldBuffer, start: number, end: number, written: number): number {
  const { units, starts, ends } = buffer;
  let position = atFormEnd(units, end, start);
  writeSign(buffer, written++, AT_SIGN, start, position);
  for (;;) {
    const next = labelEnd(units, end, position);
    for (; position < next; position++, written++) {
      units[written] = units[position] as number;
      starts[written] = starts[position] as number;
      ends[written] = ends[position] as number;
    }
    if (position >= end) return written;
    const label = dotFormEnd(units, end, position);
    writeSign(buffer, written++, FULL_STOP, position, label);
    position = label;
  }
}

/**
 * Folds e-mail addresses spelled to dodge detectors (`taro at gmail dot com`, `taro[at]gmail[.]com`,
 * `たろう アット gmail ドット com`) to `taro@gmail.com`; `look at this` stays. Returns whether any
 * address changed.
 */
export function foldSpelledAddresses(buffer: FoldBuffer): boolean {
  const { units, starts, ends, length } = buffer;
  let read = 0;
  let written = 0;
  let folded = false;
  while (read < length) {
    const end = isAddressStart(units, length, read) ? addressEnd(units, length, read) : -1;
    if (end >= 0) {
      written = rewriteAddress(buffer, read, end, written);
      read = end;
      folded = true;
      continue;
    }
    units[written] = units[read] as number;
    starts[written] = starts[read] as number;
    ends[written] = ends[read] as number;
    written++;
    read++;
  }
  buffer.length = written;
  return folded;
}
