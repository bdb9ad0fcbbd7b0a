import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageF1, matthewsCorrelation, precisionRecallF1, rocAuc } from '#core/ml/metrics';

describe('precisionRecallF1', () => {
  it('computes precision, recall and their harmonic mean from counts', () => {
    const metrics = precisionRecallF1({
      truePositives: 6,
      falsePositives: 2,
      falseNegatives: 4,
      trueNegatives: 88,
    });
    expect(metrics.precision).toBeCloseTo(6 / 8);
    expect(metrics.recall).toBeCloseTo(6 / 10);
    expect(metrics.f1).toBeCloseTo((2 * (6 / 8) * (6 / 10)) / (6 / 8 + 6 / 10));
  });

  it('reports 0 rather than NaN when a label is never predicted', () => {
    expect(
      precisionRecallF1({ truePositives: 0, falsePositives: 0, falseNegatives: 5, trueNegatives: 5 }),
    ).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
    });
  });
});

describe('matthewsCorrelation', () => {
  it('is 1 for perfect decisions, -1 for inverted ones and 0 for a constant guess', () => {
    expect(
      matthewsCorrelation({ truePositives: 5, falsePositives: 0, falseNegatives: 0, trueNegatives: 7 }),
    ).toBe(1);
    expect(
      matthewsCorrelation({ truePositives: 0, falsePositives: 7, falseNegatives: 5, trueNegatives: 0 }),
    ).toBe(-1);
    expect(
      matthewsCorrelation({ truePositives: 5, falsePositives: 7, falseNegatives: 0, trueNegatives: 0 }),
    ).toBe(0);
  });

  it('does not change when the positive and negative classes swap', () => {
    const counts = { truePositives: 90, falsePositives: 4, falseNegatives: 11, trueNegatives: 650 };
    const swapped = { truePositives: 650, falsePositives: 11, falseNegatives: 4, trueNegatives: 90 };
    expect(matthewsCorrelation(swapped)).toBeCloseTo(matthewsCorrelation(counts), 12);
  });
});

describe('rocAuc', () => {
  it('equals the share of positive-negative pairs ranked correctly, ties counting half', () => {
    const scores = [0.9, 0.8, 0.8, 0.3, 0.1];
    const positives = [1, 1, 0, 1, 0];
    let correct = 0;
    let pairs = 0;
    scores.forEach((positiveScore, positive) => {
      if (!positives[positive]) return;
      scores.forEach((negativeScore, negative) => {
        if (positives[negative]) return;
        pairs++;
        correct += positiveScore > negativeScore ? 1 : positiveScore === negativeScore ? 0.5 : 0;
      });
    });
    expect(rocAuc(scores, positives)).toBeCloseTo(correct / pairs);
  });

  it('is null when the data has no positive or no negative', () => {
    expect(rocAuc([0.2, 0.4], [0, 0])).toBeNull();
    expect(rocAuc([0.2, 0.4], [1, 1])).toBeNull();
  });

  it('turns into 1 - AUC when the scores are negated, for any scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 2, maxLength: 60 }),
        (rows) => {
          const scores = rows.map(([score]) => score);
          const positives = rows.map(([, positive]) => (positive ? 1 : 0));
          const auc = rocAuc(scores, positives);
          const negated = rocAuc(
            scores.map((score) => -score),
            positives,
          );
          if (auc === null) return negated === null;
          return Math.abs(auc + (negated as number) - 1) < 1e-9;
        },
      ),
    );
  });
});

describe('averageF1', () => {
  it('weighs each label by its support and leaves labels without support out of both averages', () => {
    const averages = averageF1([
      { precision: 1, recall: 1, f1: 1, support: 30, rocAuc: 1 },
      { precision: 0.5, recall: 0.5, f1: 0.5, support: 10, rocAuc: 0.7 },
      { precision: 0, recall: 0, f1: 0, support: 0, rocAuc: null },
    ]);
    expect(averages.macroF1).toBeCloseTo((1 + 0.5) / 2);
    expect(averages.weightedF1).toBeCloseTo((30 * 1 + 10 * 0.5) / 40);
  });
});
