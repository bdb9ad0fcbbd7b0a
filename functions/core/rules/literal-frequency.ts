/**
 * A rough model of how often literals occur in normalised Japanese and English text, used only to
 * rank the literal sets that can gate a regex: the rarer the set, the fewer items wake the regex.
 */

/** The length of a typical text field, for turning a per-character frequency into a probability. */
const FIELD_LENGTH = 200;
/** A word boundary at an end of a literal: roughly how often it holds there. */
const BOUNDARY_SHARE = 0.5;

const LATIN_LETTERS: Readonly<Record<string, number>> = {
  e: 0.127,
  t: 0.091,
  a: 0.082,
  o: 0.075,
  // The normaliser reads i as l between letters, so normalised English holds few i and many l.
  i: 0.01,
  n: 0.067,
  s: 0.063,
  h: 0.061,
  r: 0.06,
  d: 0.043,
  l: 0.1,
  c: 0.028,
  u: 0.028,
  m: 0.024,
  w: 0.024,
  f: 0.022,
  g: 0.02,
  y: 0.02,
  p: 0.019,
  b: 0.015,
  v: 0.0098,
  k: 0.0077,
  j: 0.0015,
  x: 0.0015,
  q: 0.001,
  z: 0.0007,
};
/** About half of the text seen is English. */
const LATIN_SHARE = 0.5;
/** The kana of particles and polite endings (です, ます, ので), which fill Japanese text. */
const COMMON_KANA = new Set('のにはをたがでてとしいするまなかっんうこれもよりあ');

/** How often one character occurs, per character of text. */
export function characterFrequency(unit: number): number {
  if (unit === 0x20) return 0.1;
  if (unit >= 0x61 && unit <= 0x7a) return (LATIN_LETTERS[String.fromCharCode(unit)] ?? 0.01) * LATIN_SHARE;
  if (unit >= 0x41 && unit <= 0x5a) return 0.0005;
  if (unit >= 0x30 && unit <= 0x39) return 0.004;
  if (unit === 0x2c || unit === 0x2e || unit === 0x3001 || unit === 0x3002) return 0.01;
  if (unit < 0x80) return 0.002;
  if (unit === 0x30fc) return 0.01;
  if (unit >= 0x3041 && unit <= 0x309f) return COMMON_KANA.has(String.fromCharCode(unit)) ? 0.04 : 0.005;
  return 0.0008;
}

/**
 * How often a literal occurs per character of text. A character after the first is weighed by the
 * square root of its frequency when it continues the same script, because letters in real words
 * follow each other far more often than independent draws would; across scripts (a space before
 * kana, a digit before a kanji) it counts in full.
 */
export function literalFrequency(text: string, wordStart: boolean, wordEnd: boolean): number {
  if (text.length === 0) return 1;
  let frequency = characterFrequency(text.charCodeAt(0));
  for (let index = 1; index < text.length; index++) {
    frequency *= continuationFrequency(text.charCodeAt(index - 1), text.charCodeAt(index));
  }
  if (wordStart) frequency *= BOUNDARY_SHARE;
  if (wordEnd) frequency *= BOUNDARY_SHARE;
  return frequency;
}

/** How often `unit` follows `previous`, relative to how often `previous` occurs. */
export function continuationFrequency(previous: number, unit: number): number {
  const alone = characterFrequency(unit);
  return isAscii(unit) === isAscii(previous) ? Math.sqrt(alone) : alone;
}

function isAscii(unit: number): boolean {
  return unit < 0x80;
}

/** How often any literal of a set occurs, per character of text. */
export function literalSetFrequency(
  literals: readonly { readonly text: string; readonly wordStart: boolean; readonly wordEnd: boolean }[],
): number {
  let total = 0;
  for (const literal of literals) total += literalFrequency(literal.text, literal.wordStart, literal.wordEnd);
  return total;
}

/** The chance that a text field holds at least `hits` occurrences of a set occurring this often (Poisson). */
export function fieldChance(frequency: number, hits: number): number {
  const expected = frequency * FIELD_LENGTH;
  if (expected > hits + 30) return 1;
  let term = Math.exp(-expected);
  for (let count = 0; count < hits; count++) term *= expected / (count + 1);
  let tail = 0;
  for (let count = hits; count < hits + 60 && term > 0; count++) {
    tail += term;
    term *= expected / (count + 1);
  }
  return Math.min(1, tail);
}
