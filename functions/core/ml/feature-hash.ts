/** FNV-1a 32-bit offset basis and prime: cheap per code unit, good enough once finished by `fmix32`. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** MurmurHash3's finaliser: spreads FNV's weak low bits so masking to a bucket count stays uniform. */
export function fmix32(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** FNV-1a of a string's UTF-16 code units from `start` to `end`, continuing from `seed`. */
export function fnv1a(text: string, start: number, end: number, seed: number): number {
  let hash = seed;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  return hash;
}
