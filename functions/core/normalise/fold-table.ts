import { LATIN_LOOKALIKES, SKELETON_LETTER } from './confusables.ts';
import { KANJI_DIGITS } from './kanji-digits.ts';
import { DASHES, PROLONGED_SOUND_MARK, QUOTES } from './punctuation.ts';
import { forEachRange } from './unicode-sets.ts';
import { CONTEXT_CODE } from './unit-class.ts';

/**
 * A fold-table entry packs the folded code unit (bits 0-15), its context code when it is one unit
 * (bits 16-20) and a kind (bits 24-28). A plain entry is below PLAIN_LIMIT: its unit is written with
 * no look at its neighbours.
 */
export const PLAIN_LIMIT = 1 << 24;
export const UNIT_MASK = 0xffff;
/** The context code (CONTEXT_CODE) of an entry's unit sits here, so the fold loop reads one table. */
export const CODE_SHIFT = 16;
export const KIND_MASK = 0x1f << 24;
/** Removed anywhere: zero-width characters, soft hyphen, variation selectors, other invisibles. */
export const IGNORABLE = 1 << 24;
/** Folds to several units, stored in EXPANSIONS at the offset in bits 0-15 (length first). */
export const EXPANSION = 2 << 24;
/** The first half of a surrogate pair, or a lone one. */
export const HIGH_SURROGATE = 3 << 24;
/** A second half met on its own: it pairs with a lone first half written just before (invisibles between). */
export const LOW_SURROGATE = 9 << 24;
/** Whitespace: a run folds to one space. */
export const SPACE = 4 << 24;
/** A combining mark: composes with the unit before it (か + ゙ is が) or, after a Latin letter, is dropped. */
export const COMBINING = 5 << 24;
/** `h`, dropped after `w` so `whatsapp`, `watsapp` and `w4tsapp` read alike. */
export const H_AFTER_W = 6 << 24;
/** ー: kept inside kana, a dash between digits. */
export const PROLONGED_SOUND = 7 << 24;
/** Not folded yet: folded on first sight by resolveEntry, so a cold start pays only for what it reads. */
export const UNRESOLVED = 8 << 24;

const SPACE_UNIT = 0x20;
const H_UNIT = 0x68;
const VOICED_SOUND_MARK = 0x3099;
const SEMI_VOICED_SOUND_MARK = 0x309a;
const COMBINING_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
  [VOICED_SOUND_MARK, SEMI_VOICED_SOUND_MARK],
];

const IGNORABLE_PATTERN = /^\p{Default_Ignorable_Code_Point}$/u;
const DIGIT_PATTERN = /^\p{Nd}$/u;
const WHITESPACE_PATTERN = /^[\s\u0085]$/u;

function isCombiningMark(unit: number): boolean {
  return COMBINING_RANGES.some(([first, last]) => unit >= first && unit <= last);
}

function hasDecomposableScript(code: number): boolean {
  return (
    (code >= 0xc0 && code <= 0x24f) || (code >= 0x370 && code <= 0x4ff) || (code >= 0x1e00 && code <= 0x1fff)
  );
}

/** é, ё, ά lose their marks when the bare letter is Latin or looks Latin; other letters keep them. */
function withoutDiacritics(char: string, decomposed: string): string {
  if (decomposed.length < 2 || !hasDecomposableScript(char.charCodeAt(0))) return char;
  for (let index = 1; index < decomposed.length; index++) {
    if (!isCombiningMark(decomposed.charCodeAt(index))) return char;
  }
  const base = decomposed.charAt(0);
  const lowerBase = base.toLowerCase();
  const looksLatin =
    (lowerBase >= 'a' && lowerBase <= 'z') || lowerBase in LATIN_LOOKALIKES || base in LATIN_LOOKALIKES;
  return looksLatin ? base : char;
}

/** Position of each decimal digit within its block of ten, for digits of any script. */
function decimalDigitValue(code: number): number {
  let zero = code;
  while (zero > 0 && DIGIT_PATTERN.test(String.fromCharCode(zero - 1))) zero--;
  return (code - zero) % 10;
}

function foldLowercase(char: string): string {
  const letter = LATIN_LOOKALIKES[char] ?? char;
  const code = letter.charCodeAt(0);
  if (code >= 0x30a1 && code <= 0x30f6) return String.fromCharCode(code - 0x60);
  if (code === 0x30fd || code === 0x30fe) return String.fromCharCode(code - 0x60);
  if (letter === 'i') return SKELETON_LETTER;
  const folded = KANJI_DIGITS[letter] ?? DASHES[letter] ?? QUOTES[letter];
  if (folded !== undefined) return folded;
  if (code >= 0x80 && DIGIT_PATTERN.test(letter)) return String(decimalDigitValue(code));
  if (WHITESPACE_PATTERN.test(letter)) return ' ';
  return letter;
}

/**
 * Folds one character as NFKC has already produced it (`decomposed` is its NFD): look-alikes, case,
 * kana, digits, punctuation.
 */
function foldCharacter(char: string, decomposed: string): string {
  if (IGNORABLE_PATTERN.test(char)) return '';
  const base = withoutDiacritics(char, decomposed);
  const direct = LATIN_LOOKALIKES[base];
  if (direct !== undefined) return foldLowercase(direct);
  const lower = base.toLowerCase();
  if (lower.length === 1) return foldLowercase(lower);
  let folded = '';
  for (const part of lower) folded += foldLowercase(part);
  return folded;
}

function foldNormalised(normalised: string, decomposed: string): string {
  if (normalised.length === 1) return foldCharacter(normalised, decomposed);
  let folded = '';
  for (const char of normalised) folded += foldCharacter(char, char.normalize('NFD'));
  return folded;
}

/** Folds one code point (given as a string) the way the table does. */
export function foldCodePoint(char: string): string {
  // The spacing sound marks stand for the combining ones when evaders type them after a kana (ハ゛).
  if (char === '\u309b') return String.fromCharCode(VOICED_SOUND_MARK);
  if (char === '\u309c') return String.fromCharCode(SEMI_VOICED_SOUND_MARK);
  const normalised = char.normalize('NFKC');
  return foldNormalised(normalised, normalised.normalize('NFD'));
}

function kindOf(unit: number): number {
  if (unit === SPACE_UNIT) return SPACE;
  if (unit === H_UNIT) return H_AFTER_W;
  if (unit === PROLONGED_SOUND_MARK) return PROLONGED_SOUND;
  if (isCombiningMark(unit)) return COMBINING;
  return 0;
}

/** The entry of a fold to the one unit `unit`. */
function unitEntry(kind: number, unit: number): number {
  return kind | ((CONTEXT_CODE[unit] as number) << CODE_SHIFT) | unit;
}

function hexEscaped(chars: Iterable<string>): string {
  let escaped = '';
  for (const char of chars) escaped += `\\u{${(char.codePointAt(0) as number).toString(16)}}`;
  return escaped;
}

/**
 * Every character that may fold: invisibles, decimal digits, whitespace, what NFKC or case folding
 * changes, katakana, letters that may carry diacritics, and the listed look-alikes and punctuation.
 */
function candidateClass(): string {
  const listed = [LATIN_LOOKALIKES, KANJI_DIGITS, DASHES, QUOTES].flatMap((map) => Object.keys(map));
  return (
    '[\\p{Default_Ignorable_Code_Point}\\p{Nd}\\s\\u0085\\p{Changes_When_NFKC_Casefolded}' +
    `\\u00c0-\\u024f\\u0370-\\u04ff\\u1e00-\\u1fff\\u309b\\u309c\\u30a1-\\u30fe${hexEscaped(listed)}i]`
  );
}

/** Multi-unit folds: at an EXPANSION entry's offset, the length and then the units. */
export const EXPANSIONS: number[] = [0];

function entryOf(folded: string): number {
  if (folded.length === 0) return IGNORABLE;
  if (folded.length === 1) {
    const unit = folded.charCodeAt(0);
    return unitEntry(kindOf(unit), unit);
  }
  const offset = EXPANSIONS.length;
  if (offset + folded.length >= 0xffff) throw new RangeError('fold expansions outgrew 16-bit offsets');
  EXPANSIONS.push(folded.length);
  for (let index = 0; index < folded.length; index++) {
    EXPANSIONS.push(folded.charCodeAt(index));
  }
  return EXPANSION | offset;
}

/**
 * Builds the entry of every BMP code unit: each stands for itself, which is most of them, except the
 * units with a kind, and the units that may fold, marked UNRESOLVED by one native regex pass and
 * folded when first met.
 */
function buildFoldTable(): Int32Array {
  const table = new Int32Array(0x10000);
  for (let unit = 0; unit < table.length; unit++) table[unit] = unitEntry(0, unit);
  for (const unit of [SPACE_UNIT, H_UNIT, PROLONGED_SOUND_MARK]) table[unit] = unitEntry(kindOf(unit), unit);
  for (const [first, last] of COMBINING_RANGES)
    for (let unit = first; unit <= last; unit++) table[unit] = unitEntry(COMBINING, unit);
  forEachRange([candidateClass()], (_, first, end) => table.fill(UNRESOLVED, first, end));
  table.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
  table.fill(LOW_SURROGATE, 0xdc00, 0xe000);
  return table;
}

/** Entry per BMP code unit, built once at module load (see PLAIN_LIMIT for the layout). */
export const FOLD_TABLE: Int32Array = buildFoldTable();

/** Folds an UNRESOLVED code unit and stores its entry, which it returns. */
export function resolveEntry(code: number): number {
  const entry = entryOf(foldCodePoint(String.fromCharCode(code)));
  FOLD_TABLE[code] = entry;
  return entry;
}

const ASTRAL_FOLDING_RANGES: readonly (readonly [number, number])[] = [
  [0x10400, 0x1e921],
  [0x1ee00, 0x1f251],
  [0x1fbf0, 0x1fbf9],
  [0x2f800, 0x2fa1d],
  [0xe0000, 0xe0fff],
];
/** Negative circled and squared letters and regional indicators, which NFKC leaves alone. */
const ASTRAL_LETTER_BLOCKS: readonly number[] = [0x1f150, 0x1f170, 0x1f1e6];
const astralFolds = new Map<number, string>();

/**
 * Folds a code point above the BMP: mathematical and enclosed letters, ideograph variants, tags and
 * variation selectors. Only the blocks where Unicode has such mappings are looked at; others are kept.
 */
export function foldAstral(codePoint: number): string | undefined {
  if (!ASTRAL_FOLDING_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last))
    return undefined;
  const cached = astralFolds.get(codePoint);
  if (cached !== undefined) return cached;
  const block = ASTRAL_LETTER_BLOCKS.find((first) => codePoint >= first && codePoint < first + 26);
  const folded =
    block === undefined
      ? foldCodePoint(String.fromCodePoint(codePoint))
      : foldCodePoint(String.fromCharCode(0x61 + codePoint - block));
  astralFolds.set(codePoint, folded);
  return folded;
}

const KANA_FIRST = 0x3040;
const KANA_LAST = 0x30ff;
const UNKNOWN = 0xffff;
/** Kana with a sound mark composed in, per kana and mark, found on first need (UNKNOWN until then). */
const KANA_COMPOSITION = new Uint16Array((KANA_LAST - KANA_FIRST + 1) * 2).fill(UNKNOWN);

/** The kana with a (semi-)voiced sound mark composed in (か + ゙ is が), or 0 when none exists. */
export function composeKana(kana: number, mark: number): number {
  if (
    kana < KANA_FIRST ||
    kana > KANA_LAST ||
    (mark !== VOICED_SOUND_MARK && mark !== SEMI_VOICED_SOUND_MARK)
  ) {
    return 0;
  }
  const slot = (kana - KANA_FIRST) * 2 + mark - VOICED_SOUND_MARK;
  if (KANA_COMPOSITION[slot] === UNKNOWN) {
    const pair = String.fromCharCode(kana, mark).normalize('NFC');
    KANA_COMPOSITION[slot] = pair.length === 1 ? foldCodePoint(pair).charCodeAt(0) : 0;
  }
  return KANA_COMPOSITION[slot] as number;
}
