import { normalise } from '#core/normalise/normalise';

const SHINGLE = 4;
const BANDS = 4;
const ROWS = 4;
const HASHES = BANDS * ROWS;
const HEX_PER_HASH = 8;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
/** One odd multiplier per MinHash function, fixed so fingerprints stay comparable across deployments. */
const SEEDS = Uint32Array.from(
  { length: HASHES },
  (_, index) => (Math.imul(index + 1, 0x9e3779b1) | 1) >>> 0,
);

/**
 * The text a fingerprint is taken of: title and body normalised (the rule engine's folding), with
 * everything but letters and digits dropped, so spacing, punctuation and emoji do not tell copies apart.
 */
export function fingerprintText(fields: { title?: string | undefined; body?: string | undefined }): string {
  const joined = [fields.title, fields.body].filter((text) => text !== undefined && text !== '').join('\n');
  return joined === '' ? '' : normalise(joined).text.replace(NOT_LETTER_OR_DIGIT, '');
}

/**
 * A MinHash signature of a text's character 4-grams, as 16 hashes of 8 hex digits: the share of
 * equal hashes estimates how much of the 4-grams two texts share, and no tokenizer is needed, so
 * Japanese works as English does.
 */
export function minHash(text: string): string {
  const minimums = new Uint32Array(HASHES).fill(0xffffffff);
  const shingles = Math.max(1, text.length - SHINGLE + 1);
  for (let start = 0; start < shingles; start++) {
    const end = Math.min(text.length, start + SHINGLE);
    let hash = FNV_OFFSET;
    for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
    for (let row = 0; row < HASHES; row++) {
      const value = mix(Math.imul(hash, SEEDS[row] as number)) >>> 0;
      if (value < (minimums[row] as number)) minimums[row] = value;
    }
  }
  let signature = '';
  for (const value of minimums) signature += value.toString(16).padStart(HEX_PER_HASH, '0');
  return signature;
}

/**
 * The signature's band keys: four bands of four hashes. Texts sharing most of their 4-grams agree on
 * a whole band with high probability (0.95 at 85% shared), unrelated ones almost never, so a band
 * key's partition holds little but near-duplicates.
 */
export function bandKeys(signature: string): string[] {
  const width = ROWS * HEX_PER_HASH;
  return Array.from(
    { length: BANDS },
    (_, band) => `${band}:${signature.slice(band * width, (band + 1) * width)}`,
  );
}

/** The share of equal hashes in two signatures, from 0 to 1: an estimate of the 4-grams they share. */
export function signatureSimilarity(left: string, right: string): number {
  let equal = 0;
  for (let row = 0; row < HASHES; row++) {
    const at = row * HEX_PER_HASH;
    if (left.slice(at, at + HEX_PER_HASH) === right.slice(at, at + HEX_PER_HASH)) equal++;
  }
  return equal / HASHES;
}

/** Spreads a multiplied hash's bits (murmur3's finaliser), so each seed gives an independent order. */
function mix(hash: number): number {
  let mixed = hash;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed;
}
