const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The language to report with a score: Japanese when the text has kana (no other language writes
 * them), else the primary subtag of the locale the platform sent, else unknown.
 */
export function guessLanguage(text: string, locale?: string): string | undefined {
  if (KANA.test(text)) return 'ja';
  const primary = locale?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}
