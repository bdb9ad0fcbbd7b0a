/**
 * Character classes noticed in passing, so detectors know cheaply whether they can match. `at` is
 * read from the original text with indexOf, because the normaliser folds `@` between letters.
 */
export const TextFeature = {
  digit: 1,
  at: 2,
  japanese: 4,
} as const;

/** The feature bits of one UTF-16 code unit of normalised text, filled in by the automaton's scan. */
export function classifyCodeUnit(unit: number): number {
  if (unit >= 0x30 && unit <= 0x39) return TextFeature.digit;
  if (isJapanese(unit)) return TextFeature.japanese;
  return 0;
}

/** Whether the original text holds an at sign, half or full width. */
export function hasAtSign(original: string): boolean {
  return original.indexOf('@') !== -1 || original.indexOf('\uff20') !== -1;
}

function isJapanese(unit: number): boolean {
  return (
    (unit >= 0x3040 && unit <= 0x30ff) || // hiragana and katakana
    (unit >= 0x3400 && unit <= 0x4dbf) || // CJK extension A
    (unit >= 0x4e00 && unit <= 0x9fff) || // CJK unified ideographs
    (unit >= 0xff66 && unit <= 0xff9f) || // half-width katakana
    unit === 0x3005 // 々
  );
}
