import { SpanOutOfRangeError } from './errors.ts';
import { createFoldBuffer, type FoldBuffer, reserve } from './fold-buffer.ts';
import { foldLeetspeak } from './fold-leetspeak.ts';
import { foldSpelledAddresses } from './fold-spelled-addresses.ts';
import {
  CLASS_SHIFT,
  COMBINING,
  composeKana,
  EXPANSION,
  EXPANSIONS,
  FOLD_TABLE,
  foldAstral,
  H_AFTER_W,
  HIGH_SURROGATE,
  IGNORABLE,
  KIND_MASK,
  LOW_SURROGATE,
  PLAIN_LIMIT,
  PROLONGED_SOUND,
  resolveEntry,
  SPACE,
  UNRESOLVED,
} from './fold-table.ts';
import { joinSpacedLetters } from './join-spaced-letters.ts';
import { AT_HINT, DIGIT, DOT_HINT, LATIN, LEET_SYMBOL, SEPARATOR, UNIT_CLASS } from './unit-class.ts';

/** Text folded for matching, with a map back to the original. */
export interface NormalisedText {
  readonly text: string;
  /** For each normalised code unit i, the index in the original of the first code unit that produced it. Length text.length. */
  readonly originStart: Uint32Array;
  /** For each normalised code unit i, the index just past the last original code unit that produced it. Length text.length. */
  readonly originEnd: Uint32Array;
}

const SPACE_UNIT = 0x20;
const W_UNIT = 0x77;
const HYPHEN_UNIT = 0x2d;
const SEEN_SEPARATOR = SEPARATOR << CLASS_SHIFT;
const SEEN_LATIN = LATIN << CLASS_SHIFT;
const SEEN_LEET = (DIGIT | LEET_SYMBOL) << CLASS_SHIFT;
const SEEN_AT = AT_HINT << CLASS_SHIFT;
const SEEN_DOT = DOT_HINT << CLASS_SHIFT;
/** Larger than any one Lambda batch item needs; String.fromCharCode takes its units in chunks of this. */
const CHUNK = 8192;

/** Reused across calls: one normalisation runs at a time in a JavaScript thread. */
const buffer: FoldBuffer = createFoldBuffer(4096);
/** Class bits of units written by the slow paths, which the main loop cannot see in its table entries. */
let slowPathClasses = 0;

function isAsciiDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

/** The first unit that the text from `index` on folds to, past invisibles; 0 at the end. */
function nextFoldedUnit(original: string, index: number): number {
  for (let position = index; position < original.length; position++) {
    const code = original.charCodeAt(position);
    let entry = FOLD_TABLE[code] as number;
    if (entry === UNRESOLVED) entry = resolveEntry(code);
    if (entry === 0) return code;
    const kind = entry & KIND_MASK;
    if (kind === EXPANSION) return EXPANSIONS[(entry & 0xffff) + 1] as number;
    if (kind !== IGNORABLE) return entry & 0xffff;
  }
  return 0;
}

/** Writes one folded unit with everything that depends on the unit before it; returns the new length. */
function writeUnit(unit: number, start: number, end: number, length: number): number {
  const { units, starts, ends } = buffer;
  let entry = FOLD_TABLE[unit] as number;
  if (entry === UNRESOLVED) entry = resolveEntry(unit);
  const kind = entry & KIND_MASK;
  const previous = length > 0 ? (units[length - 1] as number) : -1;
  if ((kind === SPACE && previous === SPACE_UNIT) || (kind === H_AFTER_W && previous === W_UNIT)) {
    ends[length - 1] = end;
    return length;
  }
  if (kind === COMBINING && previous >= 0) {
    const composed = composeKana(previous, unit);
    if (composed !== 0) {
      units[length - 1] = composed;
      ends[length - 1] = end;
      return length;
    }
    // Marks on Latin letters are diacritics to see through; on digits and ASCII symbols they are noise.
    if (unit < 0x3099 && previous < 0x80) {
      ends[length - 1] = end;
      return length;
    }
  }
  slowPathClasses |= UNIT_CLASS[unit] as number;
  units[length] = unit;
  starts[length] = start;
  ends[length] = end;
  return length + 1;
}

function writeAll(folded: string, start: number, end: number, length: number): number {
  reserve(buffer, length + folded.length);
  let written = length;
  for (let index = 0; index < folded.length; index++)
    written = writeUnit(folded.charCodeAt(index), start, end, written);
  return written;
}

function writeExpansion(offset: number, start: number, length: number): number {
  const count = EXPANSIONS[offset] as number;
  reserve(buffer, length + count);
  let written = length;
  for (let index = 1; index <= count; index++) {
    written = writeUnit(EXPANSIONS[offset + index] as number, start, start + 1, written);
  }
  return written;
}

/** Folds each code unit through the table, the neighbour-dependent ones through writeUnit. */
function foldUnits(original: string): number {
  const count = original.length;
  reserve(buffer, count);
  let { units, starts, ends } = buffer;
  let length = 0;
  let seen = 0;
  for (let index = 0; index < count; index++) {
    const code = original.charCodeAt(index);
    const entry = FOLD_TABLE[code] as number;
    if (entry === 0) {
      units[length] = code;
      starts[length] = index;
      ends[length] = index + 1;
      length++;
      continue;
    }
    if (entry === UNRESOLVED) {
      resolveEntry(code);
      index--;
      continue;
    }
    seen |= entry;
    if (entry < PLAIN_LIMIT) {
      units[length] = entry;
      starts[length] = index;
      ends[length] = index + 1;
      length++;
      continue;
    }
    const kind = entry & KIND_MASK;
    const unit = entry & 0xffff;
    if (kind === EXPANSION) {
      length = writeExpansion(unit, index, length);
    } else if (kind === HIGH_SURROGATE) {
      const low = index + 1 < count ? original.charCodeAt(index + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        const codePoint = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        const folded = foldAstral(codePoint) ?? String.fromCharCode(code, low);
        length = writeAll(folded, index, index + 2, length);
        index++;
      } else {
        length = writeUnit(code, index, index + 1, length);
      }
    } else if (kind === LOW_SURROGATE) {
      const high = length > 0 ? (units[length - 1] as number) : 0;
      if (high >= 0xd800 && high <= 0xdbff) {
        // A pair split by invisibles reads as the character it spells once they are gone.
        const start = starts[length - 1] as number;
        const codePoint = ((high - 0xd800) << 10) + (code - 0xdc00) + 0x10000;
        length = writeAll(
          foldAstral(codePoint) ?? String.fromCharCode(high, code),
          start,
          index + 1,
          length - 1,
        );
      } else {
        length = writeUnit(code, index, index + 1, length);
      }
    } else if (kind === PROLONGED_SOUND) {
      // Next to a digit, ー is a dash (090ー1234, 2ー3人); elsewhere a kana letter.
      const nearDigit =
        (length > 0 && isAsciiDigit(units[length - 1] as number)) ||
        isAsciiDigit(nextFoldedUnit(original, index + 1));
      length = writeUnit(nearDigit ? HYPHEN_UNIT : unit, index, index + 1, length);
    } else if (kind !== IGNORABLE) {
      length = writeUnit(unit, index, index + 1, length);
    }
    ({ units, starts, ends } = buffer);
  }
  buffer.length = length;
  return seen | (slowPathClasses << CLASS_SHIFT);
}

function toText(units: Uint16Array, length: number): string {
  if (length <= CHUNK)
    return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  let text = '';
  for (let start = 0; start < length; start += CHUNK) {
    text += String.fromCharCode.apply(
      null,
      units.subarray(start, Math.min(length, start + CHUNK)) as unknown as number[],
    );
  }
  return text;
}

/**
 * Folds Japanese and English evasions so keywords match what a user meant: NFKC, case, katakana to
 * hiragana, kanji and circled digits, zero-width characters, spaced-out letters, spelled-out e-mail
 * addresses, look-alike letters and leetspeak (i, l, 1, | and ! share the skeleton letter `l`).
 */
export function normalise(original: string): NormalisedText {
  slowPathClasses = 0;
  const seen = foldUnits(original);
  if ((seen & SEEN_SEPARATOR) !== 0) joinSpacedLetters(buffer);
  if ((seen & SEEN_AT) !== 0 && (seen & SEEN_DOT) !== 0 && foldSpelledAddresses(buffer))
    joinSpacedLetters(buffer);
  if ((seen & SEEN_LATIN) !== 0 && (seen & SEEN_LEET) !== 0) foldLeetspeak(buffer);
  const { units, starts, ends, length } = buffer;
  return {
    text: toText(units, length),
    originStart: starts.slice(0, length),
    originEnd: ends.slice(0, length),
  };
}

/** Maps a match [start, end) in normalised text to [start, end) in the original text. */
export function toOriginalSpan(
  normalised: NormalisedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const length = normalised.text.length;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) {
    throw new SpanOutOfRangeError(start, end, length);
  }
  if (start === end) {
    const at =
      start < length ? (normalised.originStart[start] ?? 0) : (normalised.originEnd[length - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: normalised.originStart[start] ?? 0, end: normalised.originEnd[end - 1] ?? 0 };
}
