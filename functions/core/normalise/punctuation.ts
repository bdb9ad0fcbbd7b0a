/**
 * Characters that evaders put between single letters (`L.I.N.E`, `ラ・イ・ン`, `0 9 0 - 1 2 3 4`),
 * as they read after folding (full-width and half-width forms fold to these first).
 */
export const SEPARATORS = ' .,-_*/\\|~+=:;·•‧∙⋅・、。';

/** Between two digits these mark a decimal, a date or a time (1.5, 3/4, 1:3), so they never join. */
export const NUMBER_PUNCTUATION = '.,/:';

/** Dashes, minus signs and wave dashes, folded to `-` and `~` so phone numbers read one way. */
export const DASHES: Readonly<Record<string, string>> = {
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '⁃': '-',
  '−': '-',
  '〜': '~',
  '〰': '~',
};

/** Curly quotes, folded to straight ones so `I’m` and `I'm` match the same phrase. */
export const QUOTES: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
};

/** The prolonged sound mark: a letter inside kana (らーめん), a dash between digits (090ー1234). */
export const PROLONGED_SOUND_MARK = 0x30fc;
