import { type NormalisedText, normalise, toOriginalSpan } from '#core/normalise/normalise';

/**
 * A regex alternation of terms as they read after normalisation (so `LINE` becomes what the
 * normaliser makes of it), longest first so the longest spelling wins.
 */
export function foldedAlternation(terms: readonly string[]): string {
  const folded = [...new Set(terms.map((term) => normalise(term).text).filter((term) => term !== ''))];
  folded.sort((left, right) => right.length - left.length);
  return folded.map(escapeRegExp).join('|');
}

/** Escapes a literal for use inside a JavaScript regular expression. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Appends a normalised-text match to `spans` in original offsets. */
export function pushOriginalSpan(
  normalised: NormalisedText,
  start: number,
  end: number,
  spans: number[],
): void {
  const span = toOriginalSpan(normalised, start, end);
  spans.push(span.start, span.end);
}
