import { describe, expect, it } from 'vitest';
import { createScorer } from '#core/ml/classifier-model';
import { TrainingDataError, TrainingOptionsError } from '#core/ml/errors';
import { encodeModel } from '#core/ml/model-format';
import { seededRandom } from '#core/ml/seeded-random';
import { type TrainingExample, trainClassifier } from '#core/ml/train';
import type { FeatureConfig } from '#schemas/classifier-model';

const SMALL: FeatureConfig = { charNgrams: [1, 4], wordNgrams: [1, 2], bucketBits: 16 };

/** Toy examples: contact offers and clean chat in both languages, drawn with a seeded generator. */
function toyExamples(seed: number, count: number): TrainingExample[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const handles = ['yuki_0821', 'mika77', 'taro1999', 'kenji88', 'sakura_rin'];
  return Array.from({ length: count }, (_, index): TrainingExample => {
    if (index % 2 === 0) {
      const text = pick([
        `LINEで連絡ください ID ${pick(handles)}`,
        `ライン交換しませんか？${pick(handles)}です`,
        `add me on whatsapp ${pick(handles)}`,
        `text me on telegram, I am ${pick(handles)}`,
      ]);
      return { text, labels: ['contact'] };
    }
    const text = pick([
      'ご購入ありがとうございます。明日発送します',
      `${pick(['ソファ', '炊飯器', '腕時計'])}を出品します。目立つ傷はありません`,
      `selling my ${pick(['sofa', 'bike', 'camera'])}, barely used`,
      'thanks, received it today in good shape',
    ]);
    return { text, labels: [] };
  });
}

describe('trainClassifier', () => {
  const examples = toyExamples(1, 400);

  it('writes a byte-identical model for the same examples and seed, and another for another seed', () => {
    const first = encodeModel(trainClassifier(examples, { seed: 3, features: SMALL }));
    const again = encodeModel(trainClassifier(examples, { seed: 3, features: SMALL }));
    const otherSeed = trainClassifier(examples, { seed: 4, features: SMALL });
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(otherSeed.header.modelVersion).not.toBe(
      trainClassifier(examples, { seed: 3, features: SMALL }).header.modelVersion,
    );
  });

  it('scores unseen offers to move off the platform high and unseen clean chat low, in both languages', () => {
    const scorer = createScorer(trainClassifier(examples, { seed: 3, features: SMALL }));
    for (const offer of ['LINE交換しましょう ID hana_22', 'add me on whatsapp hana_22']) {
      expect(scorer.scores(offer)[0], offer).toBeGreaterThan(0.5);
    }
    for (const clean of ['腕時計は明日発送します', 'selling my camera, received it in good shape']) {
      expect(scorer.scores(clean)[0], clean).toBeLessThan(0.2);
    }
  });

  it('records how it was trained: labels, counts, seed, the held-out share and whether labels were exclusive', () => {
    const { header } = trainClassifier(examples, { seed: 3, features: SMALL, modelId: 'toy' });
    expect(header.modelId).toBe('toy');
    expect(header.labels).toEqual(['contact']);
    expect(header.training).toMatchObject({
      seed: 3,
      labelCounts: { contact: 200 },
      fitExamples: 320,
      calibrationExamples: 80,
      exclusiveLabels: false,
    });
    expect(header.calibration[0]?.fittedOn).toBe(80);
  });

  it('cross-fits the calibration when asked, so the shipped weights learn from every example', () => {
    const { header } = trainClassifier(examples, {
      seed: 3,
      features: SMALL,
      calibrationFolds: { count: 4, groupOf: (example) => example.text.slice(0, 4) },
    });
    expect(header.training).toMatchObject({
      fitExamples: 400,
      calibrationExamples: 400,
      calibrationFolds: 4,
    });
    expect(header.calibration[0]?.fittedOn).toBe(400);
    expect(() => trainClassifier(examples, { seed: 3, calibrationFolds: { count: 1 } })).toThrow(
      /calibrationFolds/,
    );
  });

  it('marks single-label data such as ham/spam as exclusive, one label per class', () => {
    const oneHot = examples.map((example) => ({
      ...example,
      labels: example.labels.length ? ['spam'] : ['ham'],
    }));
    const { header } = trainClassifier(oneHot, { seed: 3, features: SMALL });
    expect(header.labels).toEqual(['ham', 'spam']);
    expect(header.training.exclusiveLabels).toBe(true);
  });

  it('continues from a model: keeps its labels and what it learned, adds new labels and records its parent', () => {
    const parent = trainClassifier(examples, { seed: 3, features: SMALL, modelId: 'toy' });
    const payments = Array.from(
      { length: 120 },
      (_, index): TrainingExample =>
        index % 2 === 0
          ? { text: `振込でお願いします、口座は${index}番`, labels: ['payment'] }
          : {
              text: index % 4 === 1 ? 'ライン交換しましょう ID aya_chan' : 'ご購入ありがとうございます',
              labels: index % 4 === 1 ? ['contact'] : [],
            },
    );
    const child = trainClassifier(payments, { seed: 3, from: parent });
    expect(child.header.labels).toEqual(['contact', 'payment']);
    expect(child.header.modelId).toBe('toy');
    expect(child.header.training.parentVersion).toBe(parent.header.modelVersion);
    expect(child.header.features).toEqual(parent.header.features);
    const scorer = createScorer(child);
    expect(scorer.scores('add me on telegram, I am hana_22')[0]).toBeGreaterThan(0.5);
    expect(scorer.scores('銀行振込でお願いします')[1]).toBeGreaterThan(0.5);
    expect(scorer.scores('selling my sofa, barely used')[1]).toBeLessThan(0.5);
  });

  it('refuses data it cannot learn from, naming the example', () => {
    expect(() => trainClassifier([], { seed: 1 })).toThrow(TrainingDataError);
    expect(() => trainClassifier([{ text: 'hello', labels: [] }], { seed: 1 })).toThrow(
      /no example carries a label/,
    );
    expect(() =>
      trainClassifier([{ text: 'hello', labels: ['bad label'], origin: 'data.jsonl:7' }], { seed: 1 }),
    ).toThrow(/data\.jsonl:7: labels: "bad label"/);
    expect(() => trainClassifier([{ text: '', labels: ['x'] }], { seed: 1 })).toThrow(/example 1: text/);
  });

  it('refuses options outside what it accepts, naming the option', () => {
    expect(() => trainClassifier(examples, { seed: 1, epochs: 0 })).toThrow(TrainingOptionsError);
    expect(() => trainClassifier(examples, { seed: 1, calibrationShare: 1 })).toThrow(/calibrationShare/);
    const parent = trainClassifier(examples, { seed: 3, features: SMALL });
    expect(() => trainClassifier(examples, { seed: 1, from: parent, features: SMALL })).toThrow(/features/);
  });
});
