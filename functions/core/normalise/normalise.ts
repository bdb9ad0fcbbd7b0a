import { SpanOutOfRangeError } from './errors.ts';

/** Text folded for matching, with a map back to the original. */
export interface NormalisedText {
  readonly text: string;
  /** For each normalised code unit i, the index in the original of the first code unit that produced it. Length text.length. */
  readonly originStart: Uint32Array;
  /** For each normalised code unit i, the index just past the last original code unit that produced it. Length text.length. */
  readonly originEnd: Uint32Array;
}

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const SPACE = /^\s$/u;
const SEPARATORS = new Set([...' .-_*/\\|~+=:;,·•・、。'].map((char) => char.charCodeAt(0)));
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  Ӏ: 'l',
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  η: 'n',
  Η: 'h',
  Ν: 'n',
  Μ: 'm',
};
const KANJI_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  壱: '1',
  二: '2',
  弐: '2',
  三: '3',
  参: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'l',
};

function foldChar(char: string): string {
  if (IGNORABLE.test(char)) return '';
  let folded = '';
  for (const part of char.normalize('NFKC')) {
    const glyph = HOMOGLYPHS[part] ?? HOMOGLYPHS[part.toLowerCase()] ?? part;
    for (const lower of glyph.toLowerCase()) {
      const code = lower.charCodeAt(0);
      if (code >= 0x30a1 && code <= 0x30f6) folded += String.fromCharCode(code - 0x60);
      else if (lower === 'i') folded += 'l';
      else folded += KANJI_DIGITS[lower] ?? (SPACE.test(lower) ? ' ' : lower);
    }
  }
  return folded;
}

interface Unit {
  code: number;
  start: number;
  end: number;
}

const isWord = (unit: Unit | undefined): boolean =>
  unit !== undefined && WORD.test(String.fromCharCode(unit.code));
const isLatin = (unit: Unit | undefined): boolean =>
  unit !== undefined && unit.code >= 0x61 && unit.code <= 0x7a;

/** Folds Japanese and English evasions (see below) so keywords match what a user meant. */
export function normalise(original: string): NormalisedText {
  let units: Unit[] = [];
  for (let index = 0; index < original.length; ) {
    const codePoint = original.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    for (const code of foldChar(String.fromCodePoint(codePoint))) {
      const last = units[units.length - 1];
      if (code === ' ' && last?.code === 0x20) last.end = index + width;
      else units.push({ code: code.charCodeAt(0), start: index, end: index + width });
    }
    index += width;
  }
  units = joinSingles(units);
  units = foldLeet(units);
  return {
    text: String.fromCharCode(...units.map((unit) => unit.code)),
    originStart: Uint32Array.from(units, (unit) => unit.start),
    originEnd: Uint32Array.from(units, (unit) => unit.end),
  };
}

function isSingle(units: Unit[], index: number): boolean {
  return isWord(units[index]) && !isWord(units[index - 1]) && !isWord(units[index + 1]);
}

function joinSingles(units: Unit[]): Unit[] {
  const joined: Unit[] = [];
  for (let index = 0; index < units.length; index++) {
    const unit = units[index] as Unit;
    joined.push(unit);
    if (!isSingle(units, index)) continue;
    let next = index + 1;
    while (next < units.length && SEPARATORS.has((units[next] as Unit).code)) next++;
    if (next > index + 1 && isSingle(units, next)) index = next - 1;
  }
  return joined;
}

function foldLeet(units: Unit[]): Unit[] {
  return units.map((unit, index) => {
    const replacement = LEET[String.fromCharCode(unit.code)];
    if (replacement && isLatin(units[index - 1]) && isLatin(units[index + 1])) {
      return { ...unit, code: replacement.charCodeAt(0) };
    }
    return unit;
  });
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
