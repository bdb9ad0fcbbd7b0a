import { createHash } from 'node:crypto';
import type { FeatureConfig, PlattScaling, TrainingMetadata } from '#schemas/classifier-model';
import { ClassifierLabelSchema, type LabelledExample } from '#schemas/labelled-example';
import { fitPlattScaling, UNCALIBRATED } from './calibration.ts';
import { type ClassifierModel, createScorer } from './classifier-model.ts';
import { TrainingDataError, TrainingOptionsError } from './errors.ts';
import { createFeatureExtractor, DEFAULT_FEATURE_CONFIG, type SparseFeatures } from './features.ts';
import { type DenseWeights, fitWeights, zeroWeights } from './fit-weights.ts';
import { sealModel } from './model-format.ts';
import { dequantiseRows, quantiseWeights } from './quantise.ts';
import { stratifiedSplit } from './split.ts';

/** An example to learn from; `origin` (such as `data.csv:14`) names it in errors. */
export interface TrainingExample extends LabelledExample {
  origin?: string;
}

/** What training reports as it goes, for a progress display. */
export type TrainingProgress =
  | { stage: 'features'; done: number; total: number }
  | { stage: 'epoch'; epoch: number; epochs: number; meanLoss: number }
  | { stage: 'calibration'; examples: number };

export interface TrainingOptions {
  /** The name of the model's lineage; a warm start keeps its parent's unless given. */
  modelId?: string;
  seed: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** The share of examples held out to fit the calibration (0.2). */
  calibrationShare?: number;
  /**
   * Examples to fit the calibration on instead of a random share of `examples`, for data whose
   * near-duplicates would make a random split look easier than new content (such as templated text).
   */
  calibrationExamples?: readonly TrainingExample[];
  /** Only for a model trained from scratch; a warm start keeps its parent's features. */
  features?: FeatureConfig;
  /** A model to continue from: its weights are the starting point and the anchor of L2. */
  from?: ClassifierModel;
  onProgress?: (progress: TrainingProgress) => void;
}

export const TRAINING_DEFAULTS = { epochs: 8, learningRate: 0.3, l2: 1e-5, calibrationShare: 0.2 } as const;

/** Below this many held-out examples, calibration is kept from the parent or left out. */
const MIN_CALIBRATION_EXAMPLES = 20;

function checkOptions(options: TrainingOptions): void {
  const { epochs, learningRate, l2, calibrationShare } = { ...TRAINING_DEFAULTS, ...options };
  if (!Number.isInteger(options.seed)) throw new TrainingOptionsError('seed', 'expected an integer');
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new TrainingOptionsError('epochs', 'expected an integer of at least 1');
  if (!(learningRate > 0)) throw new TrainingOptionsError('learningRate', 'expected a positive number');
  if (!(l2 >= 0)) throw new TrainingOptionsError('l2', 'expected zero or a positive number');
  if (!(calibrationShare >= 0 && calibrationShare < 1)) {
    throw new TrainingOptionsError('calibrationShare', 'expected a share from 0 up to, not including, 1');
  }
  if (options.from && options.features) {
    throw new TrainingOptionsError('features', 'a warm start keeps the features of the model it starts from');
  }
}

function checkExamples(
  examples: readonly TrainingExample[],
  calibration: readonly TrainingExample[],
): string[] {
  if (examples.length === 0) throw new TrainingDataError('no examples to train on');
  const labels = new Set<string>();
  [...examples, ...calibration].forEach((example, index) => {
    const origin = example.origin ?? `example ${index + 1}`;
    if (typeof example.text !== 'string' || example.text.length === 0) {
      throw new TrainingDataError('text: expected a non-empty text', origin);
    }
    for (const label of example.labels) {
      const parsed = ClassifierLabelSchema.safeParse(label);
      if (!parsed.success) {
        throw new TrainingDataError(
          `labels: ${JSON.stringify(label)}: ${parsed.error.issues[0]?.message}`,
          origin,
        );
      }
      labels.add(label);
    }
  });
  if (labels.size === 0) throw new TrainingDataError('no example carries a label: nothing to learn');
  return [...labels].sort();
}

function dataSha256(examples: readonly TrainingExample[]): string {
  const hash = createHash('sha256');
  for (const { text, labels } of examples) hash.update(`${JSON.stringify([text, labels])}\n`);
  return hash.digest('hex');
}

function targetsOf(examples: readonly TrainingExample[], labels: readonly string[]): Uint8Array {
  const position = new Map(labels.map((label, index) => [label, index]));
  const targets = new Uint8Array(examples.length * labels.length);
  examples.forEach((example, index) => {
    for (const label of example.labels) targets[index * labels.length + (position.get(label) as number)] = 1;
  });
  return targets;
}

/** Starting weights: zero, or the parent's with its labels in their places among the new ones. */
function startingWeights(
  from: ClassifierModel | undefined,
  features: FeatureConfig,
  labels: readonly string[],
) {
  const start = zeroWeights(features.bucketBits, labels.length);
  if (!from) return start;
  const { header } = from;
  dequantiseRows(
    { scales: header.weights.scales, rowBuckets: from.rowBuckets, rowWeights: from.rowWeights },
    start,
    header.labels.map((label) => labels.indexOf(label)),
  );
  header.labels.forEach((label, index) => {
    start.biases[labels.indexOf(label)] = header.weights.biases[index] as number;
  });
  return start;
}

/**
 * Trains a one-vs-rest logistic model on hashed n-grams, then fits Platt scaling per label on a
 * held-out share so a score of 0.8 means about 80% of such items carry the label. Deterministic:
 * the same examples, options and seed give a byte-identical model.
 */
export function trainClassifier(
  examples: readonly TrainingExample[],
  options: TrainingOptions,
): ClassifierModel {
  checkOptions(options);
  const { epochs, learningRate, l2, calibrationShare } = { ...TRAINING_DEFAULTS, ...options };
  const { from, onProgress } = options;
  const calibrationExamples = options.calibrationExamples;
  const exampleLabels = checkExamples(examples, calibrationExamples ?? []);
  const parentLabels = from?.header.labels ?? [];
  const labels = [...parentLabels, ...exampleLabels.filter((label) => !parentLabels.includes(label))];
  const features = from?.header.features ?? options.features ?? DEFAULT_FEATURE_CONFIG;

  const split = calibrationExamples
    ? { train: [...examples], test: [...calibrationExamples] }
    : stratifiedSplit(examples, calibrationShare, options.seed);
  const allExamples = [...split.train, ...split.test];
  const extract = createFeatureExtractor(features);
  const total = allExamples.length;
  let done = 0;
  const featuresOf = (part: readonly TrainingExample[]): SparseFeatures[] =>
    part.map((example) => {
      done++;
      if (done % 2_000 === 0 || done === total) onProgress?.({ stage: 'features', done, total });
      return extract(example.text);
    });
  const fitFeatures = featuresOf(split.train);
  const calibrationFeatures = featuresOf(split.test);

  const weights: DenseWeights = startingWeights(from, features, labels);
  fitWeights(
    weights,
    { features: fitFeatures, targets: targetsOf(split.train, labels) },
    {
      epochs,
      learningRate,
      l2,
      seed: options.seed,
      ...(from ? { anchor: Float32Array.from(weights.weights) } : {}),
      onEpoch: (epoch, meanLoss) => onProgress?.({ stage: 'epoch', epoch, epochs, meanLoss }),
    },
  );
  const quantised = quantiseWeights(weights);
  const labelCounts = Object.fromEntries(labels.map((label) => [label, 0]));
  for (const example of allExamples)
    for (const label of example.labels) labelCounts[label] = (labelCounts[label] ?? 0) + 1;
  const training: TrainingMetadata = {
    seed: options.seed,
    epochs,
    learningRate,
    l2,
    fitExamples: split.train.length,
    calibrationExamples: split.test.length,
    labelCounts,
    exclusiveLabels: allExamples.every((example) => example.labels.length === 1),
    dataSha256: dataSha256([...examples, ...(calibrationExamples ?? [])]),
    ...(from ? { parentVersion: from.header.modelVersion } : {}),
  };
  const header = {
    format: 'patrol-classifier' as const,
    formatVersion: 1 as const,
    modelId: options.modelId ?? from?.header.modelId ?? 'patrol-embedded',
    labels,
    features,
    calibration: labels.map(() => UNCALIBRATED),
    training,
    weights: {
      encoding: 'int8' as const,
      rows: quantised.rowBuckets.length,
      scales: quantised.scales,
      biases: Array.from(weights.biases),
    },
  };
  const uncalibrated = sealModel(header, quantised.rowBuckets, quantised.rowWeights);
  onProgress?.({ stage: 'calibration', examples: split.test.length });
  const calibration = fitCalibration(uncalibrated, calibrationFeatures, targetsOf(split.test, labels), from);
  return sealModel({ ...header, calibration }, quantised.rowBuckets, quantised.rowWeights);
}

/** Platt scaling per label on the held-out margins of the quantised model, which is what ships. */
function fitCalibration(
  model: ClassifierModel,
  heldOut: readonly SparseFeatures[],
  targets: Uint8Array,
  from: ClassifierModel | undefined,
): PlattScaling[] {
  const { labels } = model.header;
  const scorer = createScorer(model);
  const margins = heldOut.map((features) => scorer.margins(features));
  return labels.map((label, index) => {
    const inherited = from?.header.calibration[from.header.labels.indexOf(label)] ?? UNCALIBRATED;
    if (heldOut.length < MIN_CALIBRATION_EXAMPLES) return inherited;
    const labelMargins = margins.map((row) => row[index] as number);
    const positives = Array.from(
      { length: heldOut.length },
      (_, row) => targets[row * labels.length + index] as number,
    );
    const fitted = fitPlattScaling(labelMargins, positives);
    return fitted.fittedOn === 0 ? inherited : fitted;
  });
}
