import type { NormalisedText } from './normalise.ts';

/** Folded code units being built, each with the span [start, end) of the original that produced it. */
export interface FoldBuffer {
  units: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  length: number;
}

/**
 * The offsets of results live in shared blocks: two typed arrays allocated per text would cost more
 * than folding it. A block's tail is the scratch a text's offsets are folded into; its head takes
 * the results, copied in place, until it is full and a fresh block takes over. A block is freed once
 * no result that uses it is reachable.
 */
const BLOCK = 1 << 16;
const SCRATCH = 1 << 12;
const RESULTS_END = BLOCK - 2 * SCRATCH;

let block = new Uint32Array(BLOCK);
let blockUsed = 0;
let scratchStarts = block.subarray(RESULTS_END, RESULTS_END + SCRATCH);
let scratchEnds = block.subarray(RESULTS_END + SCRATCH, BLOCK);

/** An empty buffer with room for a text of SCRATCH units. */
export function createFoldBuffer(): FoldBuffer {
  return { units: new Uint16Array(SCRATCH), starts: scratchStarts, ends: scratchEnds, length: 0 };
}

/** Readies the buffer for a text of `count` units: folded in a block's scratch when it fits. */
export function prepare(buffer: FoldBuffer, count: number): void {
  buffer.length = 0;
  if (count > SCRATCH) {
    reserve(buffer, count);
    return;
  }
  if (blockUsed + 2 * count > RESULTS_END) {
    block = new Uint32Array(BLOCK);
    blockUsed = 0;
    scratchStarts = block.subarray(RESULTS_END, RESULTS_END + SCRATCH);
    scratchEnds = block.subarray(RESULTS_END + SCRATCH, BLOCK);
  }
  buffer.starts = scratchStarts;
  buffer.ends = scratchEnds;
}

/** Makes room for at least `capacity` units, keeping the units already written. */
export function reserve(buffer: FoldBuffer, capacity: number): void {
  if (buffer.units.length >= capacity && buffer.starts.length >= capacity && buffer.ends.length >= capacity)
    return;
  const size = Math.max(capacity, buffer.units.length * 2);
  const units = new Uint16Array(size);
  const starts = new Uint32Array(size);
  const ends = new Uint32Array(size);
  units.set(buffer.units.subarray(0, buffer.length));
  starts.set(buffer.starts.subarray(0, buffer.length));
  ends.set(buffer.ends.subarray(0, buffer.length));
  buffer.units = units;
  buffer.starts = starts;
  buffer.ends = ends;
}

/** The folded text with the buffer's offsets, as arrays of its own that later texts leave alone. */
export function toNormalisedText(buffer: FoldBuffer, text: string): NormalisedText {
  const length = buffer.length;
  if (buffer.starts !== scratchStarts || blockUsed + 2 * length > RESULTS_END) {
    return { text, originStart: buffer.starts.slice(0, length), originEnd: buffer.ends.slice(0, length) };
  }
  const at = blockUsed;
  block.copyWithin(at, RESULTS_END, RESULTS_END + length);
  block.copyWithin(at + length, RESULTS_END + SCRATCH, RESULTS_END + SCRATCH + length);
  blockUsed += 2 * length;
  // A view made by the constructor costs less than one made by subarray, which looks up the species.
  return {
    text,
    originStart: new Uint32Array(block.buffer, at * 4, length),
    originEnd: new Uint32Array(block.buffer, (at + length) * 4, length),
  };
}
