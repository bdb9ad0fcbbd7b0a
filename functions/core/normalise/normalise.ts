import {
  ADDRESS_FLAG_SHIFT,
  CONTEXT_FLAG_SHIFT,
  FLAG_MASK,
  mayHoldAddress,
  NEEDS_JOIN,
  NEEDS_LEETSPEAK,
  OTHER,
  PAIR_AUTOMATON,
  PAIR_FLAG_MASK,
  PAIR_STATE_MASK,
} from './context-automaton.ts';
import { SpanOutOfRangeError } from './errors.ts';
import { createFoldBuffer, type FoldBuffer, prepare, reserve, toNormalisedText } from './fold-buffer.ts';
import { foldLeetspeak } from './fold-leetspeak.ts';
import { foldSpelledAddresses } from './fold-spelled-addresses.ts';
import {
  CODE_SHIFT,
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
  UNIT_MASK,
  UNRESOLVED,
} from './fold-table.ts';
import { joinSpacedLetters } from './join-spaced-letters.ts';
import { CONTEXT_CODE } from './unit-class.ts';

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
/** String.fromCharCode takes its units in chunks of this where Node's decoder is missing. */
const CHUNK = 8192;
const SCRATCH_UNITS = 4096;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Node's Buffer reads and writes UTF-16 code units as they are, lone surrogates included. */
const CAN_DECODE_UNITS = typeof Buffer === 'function' && LITTLE_ENDIAN;

/** Reused across calls: one normalisation runs at a time in a JavaScript thread. */
const buffer: FoldBuffer = createFoldBuffer();
/** The automata's state and flags seen while the slow paths write; the fold loop keeps its own copies. */
let pairState = 0;
let pairFlags = 0;
/** The flags of each automaton once the text is folded. */
let contextFlags = 0;
let addressFlags = 0;

function isAsciiDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39;
}

function entryOf(code: number): number {
  const entry = FOLD_TABLE[code] as number;
  return entry === UNRESOLVED ? resolveEntry(code) : entry;
}

/** The first unit that the text from `index` on folds to, past invisibles; 0 at the end. */
function nextFoldedUnit(original: string, index: number): number {
  for (let position = index; position < original.length; position++) {
    const entry = entryOf(original.charCodeAt(position));
    if (entry < PLAIN_LIMIT) return entry & UNIT_MASK;
    const kind = entry & KIND_MASK;
    if (kind === EXPANSION) return EXPANSIONS[(entry & 0xffff) + 1] as number;
    if (kind !== IGNORABLE) return entry & 0xffff;
  }
  return 0;
}

/** Writes one folded unit with everything that depends on the unit before it; returns the new length. */
function writeUnit(unit: number, start: number, end: number, length: number): number {
  const { units, starts, ends } = buffer;
  const kind = entryOf(unit) & KIND_MASK;
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
  const pair = PAIR_AUTOMATON[pairState + (CONTEXT_CODE[unit] as number)] as number;
  pairState = pair & PAIR_STATE_MASK;
  pairFlags |= pair;
  units[length] = unit;
  starts[length] = start;
  ends[length] = end;
  return length + 1;
}

/**
 * Writes several folded units; `remaining` counts the input units still to fold after them, each of
 * which writes at most one unit unless it makes room itself, so the buffer always has room for them.
 */
function writeAll(folded: string, start: number, end: number, length: number, remaining: number): number {
  reserve(buffer, length + folded.length + remaining);
  let written = length;
  for (let index = 0; index < folded.length; index++) {
    written = writeUnit(folded.charCodeAt(index), start, end, written);
  }
  return written;
}

/**
 * Writes the fold of the code unit at `index` whose entry is not plain; returns the new length. A
 * surrogate pair is read whole at its first half.
 */
function writeSpecial(original: string, index: number, entry: number, length: number): number {
  const kind = entry & KIND_MASK;
  const unit = entry & 0xffff;
  if (kind === EXPANSION) {
    const count = EXPANSIONS[unit] as number;
    reserve(buffer, length + count + original.length - index - 1);
    let written = length;
    for (let position = 1; position <= count; position++) {
      written = writeUnit(EXPANSIONS[unit + position] as number, index, index + 1, written);
    }
    return written;
  }
  const code = original.charCodeAt(index);
  if (kind === HIGH_SURROGATE) {
    const low = index + 1 < original.length ? original.charCodeAt(index + 1) : 0;
    if (low < 0xdc00 || low > 0xdfff) return writeUnit(code, index, index + 1, length);
    const codePoint = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
    const folded = foldAstral(codePoint) ?? String.fromCharCode(code, low);
    return writeAll(folded, index, index + 2, length, original.length - index - 2);
  }
  if (kind === LOW_SURROGATE) {
    const high = length > 0 ? (buffer.units[length - 1] as number) : 0;
    if (high < 0xd800 || high > 0xdbff) return writeUnit(code, index, index + 1, length);
    // A pair split by invisibles reads as the character it spells once they are gone; the automata
    // have already read the first half on its own, so every pass runs.
    pairFlags |= PAIR_FLAG_MASK;
    const start = buffer.starts[length - 1] as number;
    const codePoint = ((high - 0xd800) << 10) + (code - 0xdc00) + 0x10000;
    const folded = foldAstral(codePoint) ?? String.fromCharCode(high, code);
    return writeAll(folded, start, index + 1, length - 1, original.length - index - 1);
  }
  if (kind === PROLONGED_SOUND) {
    // Next to a digit, ー is a dash (090ー1234, 2ー3人); elsewhere a kana letter.
    const nearDigit =
      (length > 0 && isAsciiDigit(buffer.units[length - 1] as number)) ||
      isAsciiDigit(nextFoldedUnit(original, index + 1));
    return writeUnit(nearDigit ? HYPHEN_UNIT : unit, index, index + 1, length);
  }
  return kind === IGNORABLE ? length : writeUnit(unit, index, index + 1, length);
}

/** The original's code units, copied once: reading a string unit by unit checks its representation each time. */
let sourceUnits = new Uint16Array(SCRATCH_UNITS);
let sourceBytes: Buffer | undefined;

/** Copies the original's code units into sourceUnits, natively where Node's encoder can. */
function readUnits(original: string): Uint16Array {
  const count = original.length;
  if (sourceUnits.length < count) {
    sourceUnits = new Uint16Array(Math.max(count, sourceUnits.length * 2));
    sourceBytes = undefined;
  }
  if (CAN_DECODE_UNITS) {
    sourceBytes ??= Buffer.from(sourceUnits.buffer, sourceUnits.byteOffset, sourceUnits.byteLength);
    sourceBytes.write(original, 0, 'utf16le');
    return sourceUnits;
  }
  for (let index = 0; index < count; index++) sourceUnits[index] = original.charCodeAt(index);
  return sourceUnits;
}

/**
 * Folds each code unit through the table into the buffer, stepping the context automata on each unit
 * written; the few units whose fold depends on their neighbours go through writeSpecial.
 */
function foldUnits(original: string): void {
  const count = original.length;
  const source = readUnits(original);
  let { units, starts, ends } = buffer;
  let state = 0;
  let seen = 0;
  // Until the first unit that is not plain, unit i comes from original unit i alone: the offsets are
  // written after, in a loop of their own, and the fold loop reads and writes less.
  let start = 0;
  for (; start < count; start++) {
    const entry = FOLD_TABLE[source[start] as number] as number;
    if (entry >= PLAIN_LIMIT) break;
    units[start] = entry & UNIT_MASK;
    const pair = PAIR_AUTOMATON[state + (entry >>> CODE_SHIFT)] as number;
    state = pair & PAIR_STATE_MASK;
    seen |= pair;
  }
  for (let index = 0; index < start; index++) {
    starts[index] = index;
    ends[index] = index + 1;
  }
  let length = start;
  for (let index = start; index < count; index++) {
    const code = source[index] as number;
    let entry = FOLD_TABLE[code] as number;
    if (entry >= PLAIN_LIMIT) {
      if (entry === UNRESOLVED) entry = resolveEntry(code);
      const kind = entry & KIND_MASK;
      if (kind === SPACE || kind === H_AFTER_W) {
        const unit = entry & 0xffff;
        if (length > 0 && units[length - 1] === (unit === SPACE_UNIT ? SPACE_UNIT : W_UNIT)) {
          ends[length - 1] = index + 1;
          continue;
        }
        entry &= PLAIN_LIMIT - 1;
      } else if (entry >= PLAIN_LIMIT) {
        pairState = state;
        pairFlags = seen;
        length = writeSpecial(original, index, entry, length);
        if (kind === HIGH_SURROGATE && index + 1 < count) {
          const low = source[index + 1] as number;
          if (low >= 0xdc00 && low <= 0xdfff) index++;
        }
        ({ units, starts, ends } = buffer);
        state = pairState;
        seen = pairFlags;
        continue;
      }
    }
    units[length] = entry & UNIT_MASK;
    starts[length] = index;
    ends[length] = index + 1;
    length++;
    const pair = PAIR_AUTOMATON[state + (entry >>> CODE_SHIFT)] as number;
    state = pair & PAIR_STATE_MASK;
    seen |= pair;
  }
  buffer.length = length;
  seen |= PAIR_AUTOMATON[state + OTHER] as number;
  contextFlags = (seen >>> CONTEXT_FLAG_SHIFT) & FLAG_MASK;
  addressFlags = (seen >>> ADDRESS_FLAG_SHIFT) & FLAG_MASK;
}

/**
 * Runs the context passes the automata flagged, in an order where each sees what the last made:
 * joining can spell out a word or an address, and folding an address can leave letters to join.
 */
function foldInContext(): void {
  let leetspeak = (contextFlags & NEEDS_LEETSPEAK) !== 0;
  let addresses = mayHoldAddress(addressFlags);
  if ((contextFlags & NEEDS_JOIN) !== 0) {
    joinSpacedLetters(buffer);
    leetspeak = true;
    addresses = true;
  }
  if (leetspeak) foldLeetspeak(buffer);
  if (addresses && foldSpelledAddresses(buffer)) {
    joinSpacedLetters(buffer);
    foldLeetspeak(buffer);
  }
}

/** A byte view of the buffer's units, kept while they stay the same array. */
let unitBytes: Buffer | undefined;

/** The units as a string; Node's UTF-16 decoder keeps lone surrogates and is several times faster. */
function toText(units: Uint16Array, length: number): string {
  if (CAN_DECODE_UNITS) {
    if (unitBytes?.buffer !== units.buffer)
      unitBytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength);
    return unitBytes.toString('utf16le', 0, length * 2);
  }
  let text = '';
  for (let start = 0; start < length; start += CHUNK) {
    text += String.fromCharCode(...units.subarray(start, Math.min(length, start + CHUNK)));
  }
  return text;
}

/**
 * Folds Japanese and English evasions so keywords match what a user meant: NFKC, case, katakana to
 * hiragana, kanji and circled digits, invisible characters, spaced-out letters, spelled-out e-mail
 * addresses, look-alike letters and leetspeak. The text is for matching, not for reading: i, l, 1, |
 * and ! share the skeleton letter `l` and `wh` reads `w`, so keywords are folded by this same function.
 */
export function normalise(original: string): NormalisedText {
  prepare(buffer, original.length);
  foldUnits(original);
  if (contextFlags !== 0 || addressFlags !== 0) foldInContext();
  return toNormalisedText(buffer, toText(buffer.units, buffer.length));
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
