/** A matched span of one text field, in UTF-16 offsets of the original text, with the rule behind it. */
export interface Highlight {
  field: string;
  start: number;
  end: number;
  ruleId: string;
  clause: string;
}

/** A run of text and the highlights covering all of it (none for plain text). */
export interface TextSegment {
  text: string;
  highlights: Highlight[];
}

/**
 * Cuts a field's text at every span boundary, so overlapping matches each stay visible; spans outside
 * the text are clipped, since a later edit may have shortened it.
 */
export function segmentText(text: string, highlights: readonly Highlight[]): TextSegment[] {
  const spans = highlights
    .map((highlight) => ({
      ...highlight,
      start: Math.max(0, Math.min(highlight.start, text.length)),
      end: Math.max(0, Math.min(highlight.end, text.length)),
    }))
    .filter((highlight) => highlight.end > highlight.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort(
    (left, right) => left - right,
  );
  const segments: TextSegment[] = [];
  for (let index = 0; index + 1 < cuts.length; index++) {
    const start = cuts[index] as number;
    const end = cuts[index + 1] as number;
    segments.push({
      text: text.slice(start, end),
      highlights: spans.filter((span) => span.start <= start && span.end >= end),
    });
  }
  return segments;
}
