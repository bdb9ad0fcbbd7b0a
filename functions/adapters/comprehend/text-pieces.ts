/** The smallest limit that still fits any code point (4 bytes in UTF-8). */
const MIN_PIECE_BYTES = 4;

/** The UTF-8 length of a code point; a lone surrogate is encoded as U+FFFD, 3 bytes. */
function utf8Bytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/** The UTF-8 length of `text` in bytes. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Splits `text` in order into pieces of at most `maxBytes` UTF-8 bytes, cutting only between code points
 * (never inside a surrogate pair) and after whitespace when there is some in a piece's second half, so
 * words stay whole. Pieces of only whitespace are left out.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < MIN_PIECE_BYTES) throw new RangeError(`maxBytes must be at least ${MIN_PIECE_BYTES}`);
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    let bytes = 0;
    let afterLastSpace = -1;
    while (end < text.length) {
      const codePoint = text.codePointAt(end) as number;
      const size = utf8Bytes(codePoint);
      if (bytes + size > maxBytes) break;
      bytes += size;
      end += codePoint > 0xffff ? 2 : 1;
      if (/\s/u.test(String.fromCodePoint(codePoint))) afterLastSpace = end;
    }
    if (end < text.length && afterLastSpace > start + (end - start) / 2) end = afterLastSpace;
    const piece = text.slice(start, end);
    if (piece.trim() !== '') pieces.push(piece);
    start = end;
  }
  return pieces;
}

/** Groups items in order into batches of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let index = 0; index < items.length; index += size) batches.push(items.slice(index, index + size));
  return batches;
}
