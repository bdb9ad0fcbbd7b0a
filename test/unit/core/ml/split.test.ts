import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from '#core/ml/split';

const examples = Array.from({ length: 200 }, (_, index) => ({
  id: index,
  labels: index % 20 === 0 ? ['rare'] : index % 2 === 0 ? ['common'] : [],
}));

describe('stratifiedSplit', () => {
  it('puts every example in exactly one part', () => {
    const { train, test } = stratifiedSplit(examples, 0.2, 5);
    expect([...train, ...test].map((example) => example.id).sort((a, b) => a - b)).toEqual(
      examples.map((example) => example.id),
    );
  });

  it('holds out the share of each label set, so a rare label lands in both parts', () => {
    const { train, test } = stratifiedSplit(examples, 0.2, 5);
    const rare = (part: typeof examples) => part.filter((example) => example.labels.includes('rare')).length;
    expect(rare(test)).toBe(2);
    expect(rare(train)).toBe(8);
    expect(test.length).toBe(40);
  });

  it('splits the same way for the same seed and differently for another', () => {
    const ids = (seed: number) => stratifiedSplit(examples, 0.2, seed).test.map((example) => example.id);
    expect(ids(5)).toEqual(ids(5));
    expect(ids(6)).not.toEqual(ids(5));
  });
});
