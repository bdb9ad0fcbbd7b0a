/**
 * Whether a code unit is part of a word for the boundary rule: ASCII letters and digits and the
 * Latin letters with diacritics. Japanese characters are not, so `line交換` still matches `line`.
 */
export function isWordUnit(unit: number): boolean {
  if (unit < 0x80) return ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a) || (unit >= 0x30 && unit <= 0x39);
  return unit >= 0xc0 && unit <= 0x24f && unit !== 0xd7 && unit !== 0xf7;
}

/** Whether an end of a keyword needs a word boundary: it is an ASCII letter or digit. */
export function needsBoundary(unit: number): boolean {
  return unit < 0x80 && isWordUnit(unit);
}

/** Whether a code unit is a word character for RE2's `\b`: ASCII letters, digits and underscore. */
export function isRegexWordUnit(unit: number): boolean {
  return ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || unit === 0x5f;
}
