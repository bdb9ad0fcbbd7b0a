/** Folded code units being built, each with the span [start, end) of the original that produced it. */
export interface FoldBuffer {
  units: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  length: number;
}

/** An empty buffer with room for `capacity` units. */
export function createFoldBuffer(capacity: number): FoldBuffer {
  return {
    units: new Uint16Array(capacity),
    starts: new Uint32Array(capacity),
    ends: new Uint32Array(capacity),
    length: 0,
  };
}

/** Makes room for at least `capacity` units, keeping the units already written. */
export function reserve(buffer: FoldBuffer, capacity: number): void {
  if (buffer.units.length >= capacity) return;
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
