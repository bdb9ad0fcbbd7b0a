import { normalise } from '#core/normalise/normalise';
import type { FeatureConfig } from '#schemas/classifier-model';
import { FNV_OFFSET, FNV_PRIME, fmix32, fnv1a } from './feature-hash.ts';

/** A text's features: hashed bucket indices and their weights, L2-normalised. */
export interface SparseFeatures {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/** Character 1–4-grams plus word unigrams and bigrams in 2^20 buckets. */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  charNgrams: [1, 4],
  wordNgrams: [1, 2],
  bucketBits: 20,
};

/** Different seeds keep a one-letter word, a one-letter n-gram and a word pair in different buckets. */
const CHAR_SEED = FNV_OFFSET;
const WORD_SEED = fmix32(FNV_OFFSET ^ 0x5bd1e995);
const LENGTH_MIX = 0x9e3779b1;
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
/** Scripts written without spaces: a run of them is not a word, so only character n-grams read them. */
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+/u;
const MAX_COUNT = 0xffff;

/**
 * Builds the feature function of a config: the text is normalised (so evasions such as L.I.N.E or
 * ﾗｲﾝ hash like the plain word), then its n-grams are hashed, counted, weighted 1 + ln(count) and
 * L2-normalised. The function reuses one scratch table, so keep one per model, not one per call.
 */
export function createFeatureExtractor(config: FeatureConfig): (original: string) => SparseFeatures {
  const mask = 2 ** config.bucketBits - 1;
  const counts = new Uint16Array(mask + 1);
  let touched = new Uint32Array(1024);
  let touchedCount = 0;
  const [minChar, maxChar] = config.charNgrams;
  const [minWord, maxWord] = config.wordNgrams;

  function count(hash: number): void {
    const bucket = fmix32(hash) & mask;
    const seen = counts[bucket] as number;
    if (seen === 0) {
      if (touchedCount === touched.length) {
        const grown = new Uint32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[touchedCount++] = bucket;
    }
    if (seen < MAX_COUNT) counts[bucket] = seen + 1;
  }

  function countCharNgrams(text: string): void {
    for (let start = 0; start < text.length; start++) {
      let hash = CHAR_SEED;
      const end = Math.min(text.length, start + maxChar);
      for (let index = start; index < end; index++) {
        hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
        const length = index - start + 1;
        if (length >= minChar) count(hash ^ Math.imul(length, LENGTH_MIX));
      }
    }
  }

  function countWordNgrams(text: string): void {
    const recent: number[] = [];
    for (const run of text.matchAll(WORD_RUN)) {
      const words = UNSPACED_RUN.test(run[0]) ? run[0].split(UNSPACED_RUN) : [run[0]];
      for (const word of words) {
        if (word.length === 0) continue;
        recent.push(fnv1a(word, 0, word.length, WORD_SEED));
        if (recent.length > maxWord) recent.shift();
        let hash = 0;
        for (let length = 1; length <= recent.length; length++) {
          hash = Math.imul(hash, LENGTH_MIX) ^ (recent[recent.length - length] as number);
          if (length >= minWord) count(hash ^ Math.imul(length, FNV_PRIME));
        }
      }
    }
  }

  return (original: string): SparseFeatures => {
    const text = ` ${normalise(original).text} `;
    touchedCount = 0;
    countCharNgrams(text);
    if (maxWord > 0) countWordNgrams(text);
    const indices = touched.slice(0, touchedCount);
    const values = new Float32Array(touchedCount);
    let sumOfSquares = 0;
    for (let index = 0; index < touchedCount; index++) {
      const bucket = indices[index] as number;
      const weight = 1 + Math.log(counts[bucket] as number);
      counts[bucket] = 0;
      values[index] = weight;
      sumOfSquares += weight * weight;
    }
    const norm = 1 / Math.sqrt(sumOfSquares);
    for (let index = 0; index < touchedCount; index++) values[index] = (values[index] as number) * norm;
    return { indices, values };
  };
}
