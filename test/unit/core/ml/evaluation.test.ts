import { describe, expect, it } from 'vitest';
import { evaluateModel, evaluateScores } from '#core/ml/evaluation';
import { trainClassifier } from '#core/ml/train';

describe('evaluateScores', () => {
  it('predicts the top-scoring class for exclusive labels and fills the confusion matrix by actual and predicted', () => {
    const evaluation = evaluateScores(
      ['ham', 'spam'],
      [[0], [0], [1], [1], [0]],
      [
        [0.9, 0.1],
        [0.4, 0.6],
        [0.2, 0.8],
        [0.3, 0.7],
        [0.8, 0.2],
      ].map((row) => Float64Array.from(row)),
      { exclusive: true, threshold: 0.5 },
    );
    expect(evaluation.mode).toBe('multi-class');
    expect(evaluation.confusionMatrix?.counts).toEqual([
      [2, 1],
      [0, 2],
    ]);
    expect(evaluation.labels.spam).toMatchObject({ precision: 2 / 3, recall: 1, support: 2 });
    expect(evaluation.accuracy).toBeCloseTo(4 / 5);
    const mcc = (2 * 2 - 1 * 0) / Math.sqrt(3 * 2 * 2 * 3);
    expect(evaluation.mcc).toBeCloseTo(mcc);
  });

  it('predicts every label at or above the threshold for multi-label data, and counts exact matches', () => {
    const evaluation = evaluateScores(
      ['contact', 'payment'],
      [[0, 1], [0], []],
      [
        [0.9, 0.7],
        [0.6, 0.55],
        [0.1, 0.2],
      ].map((row) => Float64Array.from(row)),
      { exclusive: false, threshold: 0.5 },
    );
    expect(evaluation.mode).toBe('multi-label');
    expect(evaluation.labels.payment?.counts).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 0,
      trueNegatives: 1,
    });
    expect(evaluation.accuracy).toBeCloseTo(2 / 3);
    expect(evaluation.mcc).toBeUndefined();
    expect(evaluation.confusionMatrix).toBeUndefined();
  });
});

describe('evaluateModel', () => {
  const model = trainClassifier(
    Array.from({ length: 100 }, (_, index) => ({
      text: index % 2 ? `win a free prize now ${index}` : `see you at lunch ${index}`,
      labels: [index % 2 ? 'spam' : 'ham'],
    })),
    { seed: 1, features: { charNgrams: [1, 3], wordNgrams: [1, 1], bucketBits: 14 } },
  );

  it('reports MCC for a two-class model and F1 averages over its labels', () => {
    const evaluation = evaluateModel(model, [
      { text: 'free prize, claim now', labels: ['spam'] },
      { text: 'lunch tomorrow?', labels: ['ham'] },
    ]);
    expect(evaluation.mode).toBe('multi-class');
    expect(evaluation.mcc).toBe(1);
    expect(evaluation.weightedF1).toBe(1);
  });

  it('names the example whose label the model does not know', () => {
    expect(() => evaluateModel(model, [{ text: 'hi', labels: ['phishing'], origin: 'eval.csv:3' }])).toThrow(
      /eval\.csv:3: labels: the model does not know "phishing" \(it knows ham, spam\)/,
    );
  });
});
