import { describe, expect, it } from 'vitest';
import { createFeatureExtractor, type SparseFeatures } from '#core/ml/features';

const extract = createFeatureExtractor({ charNgrams: [1, 4], wordNgrams: [1, 2], bucketBits: 18 });

function asMap({ indices, values }: SparseFeatures): Map<number, number> {
  return new Map(Array.from(indices, (bucket, index) => [bucket, values[index] as number]));
}

function cosine(left: SparseFeatures, right: SparseFeatures): number {
  const rightWeights = asMap(right);
  let dot = 0;
  left.indices.forEach((bucket, index) => {
    dot += (left.values[index] as number) * (rightWeights.get(bucket) ?? 0);
  });
  return dot;
}

describe('createFeatureExtractor', () => {
  it('gives evasions such as ﾗｲﾝ and spaced-out letters the features of the plain word', () => {
    expect(asMap(extract('ﾗｲﾝで連絡'))).toEqual(asMap(extract('ラインで連絡')));
    expect(asMap(extract('add me on L I N E'))).toEqual(asMap(extract('add me on line')));
  });

  it('returns a unit-length vector with one entry per distinct bucket', () => {
    for (const text of ['LINE交換しませんか？', 'Selling my road bike, barely used', 'a']) {
      const { indices, values } = extract(text);
      expect(new Set(indices).size).toBe(indices.length);
      const length = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
      expect(length).toBeCloseTo(1, 5);
    }
  });

  it('reads Japanese without spaces, so texts sharing a phrase are closer than unrelated ones', () => {
    const offer = extract('パパ活できる人募集しています');
    expect(cosine(offer, extract('パパ活の相手を募集'))).toBeGreaterThan(
      cosine(offer, extract('週末は鎌倉でカフェ巡り')),
    );
  });

  it('returns the same features for the same text on every call, however many texts came between', () => {
    const first = extract('Email me at jake.m92@gmail.com');
    extract('something else entirely, with a much longer text than the first one to fill the scratch table');
    expect(asMap(extract('Email me at jake.m92@gmail.com'))).toEqual(asMap(first));
  });

  it('keeps word order in bigrams, so swapped words differ while sharing their unigrams', () => {
    const wordsOnly = createFeatureExtractor({ charNgrams: [1, 1], wordNgrams: [1, 2], bucketBits: 18 });
    const forward = asMap(wordsOnly('cash only'));
    const backward = asMap(wordsOnly('only cash'));
    const shared = [...forward.keys()].filter((bucket) => backward.has(bucket));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length).toBeLessThan(forward.size);
  });
});
