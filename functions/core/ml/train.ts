import { createHash } from 'node:crypto';
import type { FeatureConfig, ModelHeader, PlattScaling, TrainingMetadata } from '#schemas/classifier-model';
import { ClassifierLabelSchema, type LabelledExample } from '#schemas/labelled-example';
import { fitPlattScaling, UNCALIBRATED } from './calibration.ts';
import { type ClassifierModel, createScorer } from './classifier-model.ts';
import { TrainingDataError, TrainingOptionsError } from './errors.ts';
import { createFeatureExtractor, DEFAULT_FEATURE_CONFIG, type SparseFeatures } from './features.ts';
import { type DenseWeights, fitWeights, zeroWeights } from './fit-weights.ts';
import { sealModel } from './model-format.ts';
import { dequantiseRows, type QuantisedWeights, quantiseWeights } from './quantise.ts';
import { seededRandom, shuffleInPlace } from './seeded-random.ts';
import { stratifiedSplit } from './split.ts';

/** An example to learn from; `origin` (such as `data.csv:14`) names it in errors. */
export interface TrainingExample extends LabelledExample {
  origin?: string;
}

/** What training reports as it goes, for a progress display. */
export type TrainingProgress =
  | { stage: 'features'; done: number; total: number }
  | { stage: 'epoch'; epoch: number; epochs: number; meanLoss: number }
  | { stage: 'calibration'; examples: number }
  | { stage: 'fold'; fold: number; folds: number };

export interface TrainingOptions {
  /** The name of the model's lineage; a warm start keeps its parent's unless given. */
  modelId?: string;
  seed: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** The share of examples held out to fit the calibration (0.2), when `calibrationFolds` is not given. */
  calibrationShare?: number;
  /**
   * Cross-fitted calibration instead of a held-out share: `count` models, each fitted without one
   * fold, score that fold; the scaling is fitted on those out-of-fold scores and the model that ships
   * is fitted on every example. `groupOf` keeps examples of one group (such as one template, or
   * one author) in one fold, so near-duplicates do not make the held-out scores look too good.
   */
  calibrationFolds?: { count: number; groupOf?: (example: TrainingExample, index: number) => string };
  /** Only for a model trained from scratch; a warm start keeps its parent's features. */
  features?: FeatureConfig;
  /** A model to continue from: its weights are the starting point and the anchor of L2. */
  from?: ClassifierModel;
  onProgress?: (progress: TrainingProgress) => void;
}

export const TRAINING_DEFAULTS = { epochs: 4, learningRate: 0.3, l2: 1e-5, calibrationShare: 0.2 } as const;

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
  const folds = options.calibrationFolds?.count;
  if (folds !== undefined && !(Number.isInteger(folds) && folds >= 2)) {
    throw new TrainingOptionsError('calibrationFolds.count', 'expected an integer of at least 2');
  }
  if (options.from && options.features) {
    throw new TrainingOptionsError('features', 'a warm start keeps the features of the model it starts from');
  }
}

function checkExamples(examples: readonly TrainingExample[]): string[] {
  if (examples.length === 0) throw new TrainingDataError('no examples to train on');
  const labels = new Set<string>();
  examples.forEach((example, index) => {
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

/** What one fitting needs besides its examples: the feature space, the labels and the settings. */
interface FittingPlan {
  features: FeatureConfig;
  labels: readonly string[];
  from: ClassifierModel | undefined;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  onEpoch?: ((epoch: number, meanLoss: number) => void) | undefined;
}

/** Fits weights on examples whose features are already extracted, and quantises them as they will ship. */
function fitQuantised(
  plan: FittingPlan,
  examples: readonly TrainingExample[],
  features: readonly SparseFeatures[],
): Fitted {
  const weights: DenseWeights = startingWeights(plan.from, plan.features, plan.labels);
  fitWeights(
    weights,
    { features, targets: targetsOf(examples, plan.labels) },
    {
      epochs: plan.epochs,
      learningRate: plan.learningRate,
      l2: plan.l2,
      seed: plan.seed,
      ...(plan.from ? { anchor: Float32Array.from(weights.weights) } : {}),
      ...(plan.onEpoch ? { onEpoch: plan.onEpoch } : {}),
    },
  );
  return { quantised: quantiseWeights(weights), biases: Array.from(weights.biases) };
}

/** Assigns each example a fold: groups (or single examples) dealt round-robin within each label set. */
function assignFolds(
  examples: readonly TrainingExample[],
  count: number,
  seed: number,
  groupOf: (example: TrainingExample, index: number) => string,
): number[] {
  const groupsByLabels = new Map<string, string[]>();
  const groupOfExample = examples.map((example, index) => {
    const group = groupOf(example, index);
    const stratum = [...example.labels].sort().join('\u0000');
    const groups = groupsByLabels.get(stratum) ?? [];
    if (!groups.includes(group)) groups.push(group);
    groupsByLabels.set(stratum, groups);
    return group;
  });
  const random = seededRandom(seed);
  const foldOfGroup = new Map<string, number>();
  for (const stratum of [...groupsByLabels.keys()].sort()) {
    shuffleInPlace(groupsByLabels.get(stratum) as string[], random).forEach((group, index) => {
      if (!foldOfGroup.has(group)) foldOfGroup.set(group, index % count);
    });
  }
  return groupOfExample.map((group) => foldOfGroup.get(group) as number);
}

/** Fitted weights, and held-out margins (one row per held-out example) with their targets for the calibration. */
interface FittedWithHeldOut {
  fitted: Fitted;
  fitCount: number;
  heldOutMargins: Float64Array[];
  heldOutTargets: Uint8Array;
}

type Fitted = { quantised: QuantisedWeights; biases: number[] };

/** Scores with fitted weights before any calibration, as the model that ships would. */
function uncalibratedScorer(plan: FittingPlan, fitted: Fitted) {
  const training = {
    seed: plan.seed,
    epochs: plan.epochs,
    learningRate: plan.learningRate,
    l2: plan.l2,
    fitExamples: 0,
    calibrationExamples: 0,
    labelCounts: {},
    exclusiveLabels: false,
    dataSha256: '0'.repeat(64),
  };
  const header = headerOf(plan, 'uncalibrated', fitted, training);
  return createScorer(sealModel(header, fitted.quantised.rowBuckets, fitted.quantised.rowWeights));
}

/** Fits on a seeded stratified share of the examples and holds the rest out for the calibration. */
function fitWithHeldOutShare(
  plan: FittingPlan,
  examples: readonly TrainingExample[],
  features: readonly SparseFeatures[],
  share: number,
): FittedWithHeldOut {
  const split = stratifiedSplit(
    examples.map((example, index) => ({ ...example, index })),
    share,
    plan.seed,
  );
  const pick = (part: { index: number }[]) => ({
    examples: part.map(({ index }) => examples[index] as TrainingExample),
    features: part.map(({ index }) => features[index] as SparseFeatures),
  });
  const fit = pick(split.train);
  const heldOut = pick(split.test);
  const fitted = fitQuantised(plan, fit.examples, fit.features);
  const scorer = uncalibratedScorer(plan, fitted);
  return {
    fitted,
    fitCount: fit.examples.length,
    heldOutMargins: heldOut.features.map((row) => scorer.margins(row)),
    heldOutTargets: targetsOf(heldOut.examples, plan.labels),
  };
}

/** Scores each fold with a model fitted without it, then fits the model that ships on every example. */
function fitWithCrossFitting(
  plan: FittingPlan,
  examples: readonly TrainingExample[],
  features: readonly SparseFeatures[],
  folds: NonNullable<TrainingOptions['calibrationFolds']>,
  onFold: (fold: number) => void,
): FittedWithHeldOut {
  const foldOf = assignFolds(
    examples,
    folds.count,
    plan.seed,
    folds.groupOf ?? ((_, index) => String(index)),
  );
  const margins = new Array<Float64Array>(examples.length);
  for (let fold = 0; fold < folds.count; fold++) {
    onFold(fold + 1);
    const outsideFold = (_: unknown, index: number) => foldOf[index] !== fold;
    // Only the shipped model's epochs are shown as progress.
    const foldPlan: FittingPlan = { ...plan, onEpoch: undefined };
    const scorer = uncalibratedScorer(
      foldPlan,
      fitQuantised(foldPlan, examples.filter(outsideFold), features.filter(outsideFold)),
    );
    foldOf.forEach((exampleFold, index) => {
      if (exampleFold === fold) margins[index] = scorer.margins(features[index] as SparseFeatures);
    });
  }
  return {
    fitted: fitQuantised(plan, examples, features),
    fitCount: examples.length,
    heldOutMargins: margins,
    heldOutTargets: targetsOf(examples, plan.labels),
  };
}

/**
 * Trains a one-vs-rest logistic model on hashed n-grams, then fits Platt scaling per label on
 * held-out scores so a score of 0.8 means about 80% of such items carry the label. Deterministic:
 * the same examples, options and seed give a byte-identical model.
 */
export function trainClassifier(
  examples: readonly TrainingExample[],
  options: TrainingOptions,
): ClassifierModel {
  checkOptions(options);
  const { epochs, learningRate, l2, calibrationShare } = { ...TRAINING_DEFAULTS, ...options };
  const { from, onProgress, calibrationFolds } = options;
  const exampleLabels = checkExamples(examples);
  const parentLabels = from?.header.labels ?? [];
  const labels = [...parentLabels, ...exampleLabels.filter((label) => !parentLabels.includes(label))];
  const features = from?.header.features ?? options.features ?? DEFAULT_FEATURE_CONFIG;
  const plan: FittingPlan = {
    features,
    labels,
    from,
    epochs,
    learningRate,
    l2,
    seed: options.seed,
    onEpoch: (epoch, meanLoss) => onProgress?.({ stage: 'epoch', epoch, epochs, meanLoss }),
  };

  const extract = createFeatureExtractor(features);
  const allFeatures = examples.map((example, index) => {
    if ((index + 1) % 2_000 === 0 || index + 1 === examples.length) {
      onProgress?.({ stage: 'features', done: index + 1, total: examples.length });
    }
    return extract(example.text);
  });
  const { fitted, fitCount, heldOutMargins, heldOutTargets } = calibrationFolds
    ? fitWithCrossFitting(plan, examples, allFeatures, calibrationFolds, (fold) =>
        onProgress?.({ stage: 'fold', fold, folds: calibrationFolds.count }),
      )
    : fitWithHeldOutShare(plan, examples, allFeatures, calibrationShare);

  onProgress?.({ stage: 'calibration', examples: heldOutMargins.length });
  const labelCounts = Object.fromEntries(labels.map((label) => [label, 0]));
  for (const example of examples)
    for (const label of example.labels) labelCounts[label] = (labelCounts[label] ?? 0) + 1;
  const training: TrainingMetadata = {
    seed: options.seed,
    epochs,
    learningRate,
    l2,
    fitExamples: fitCount,
    calibrationExamples: heldOutMargins.length,
    ...(calibrationFolds ? { calibrationFolds: calibrationFolds.count } : {}),
    labelCounts,
    exclusiveLabels: examples.every((example) => example.labels.length === 1),
    dataSha256: dataSha256(examples),
    ...(from ? { parentVersion: from.header.modelVersion } : {}),
  };
  const header = headerOf(
    plan,
    options.modelId ?? from?.header.modelId ?? 'patrol-embedded',
    fitted,
    training,
  );
  const calibration = fitCalibration(labels, heldOutMargins, heldOutTargets, from);
  return sealModel({ ...header, calibration }, fitted.quantised.rowBuckets, fitted.quantised.rowWeights);
}

function headerOf(
  plan: FittingPlan,
  modelId: string,
  fitted: Fitted,
  training: TrainingMetadata,
): Omit<ModelHeader, 'modelVersion'> {
  return {
    format: 'patrol-classifier',
    formatVersion: 1,
    modelId,
    labels: [...plan.labels],
    features: plan.features,
    calibration: plan.labels.map(() => UNCALIBRATED),
    training,
    weights: {
      encoding: 'int8',
      rows: fitted.quantised.rowBuckets.length,
      scales: fitted.quantised.scales,
      biases: fitted.biases,
    },
  };
}

/** Platt scaling per label on held-out margins of quantised models, which is what ships. */
function fitCalibration(
  labels: readonly string[],
  margins: readonly Float64Array[],
  targets: Uint8Array,
  from: ClassifierModel | undefined,
): PlattScaling[] {
  return labels.map((label, index) => {
    const inherited = from?.header.calibration[from.header.labels.indexOf(label)] ?? UNCALIBRATED;
    if (margins.length < MIN_CALIBRATION_EXAMPLES) return inherited;
    const fitted = fitPlattScaling(
      margins.map((row) => row[index] as number),
      Array.from({ length: margins.length }, (_, row) => targets[row * labels.length + index] as number),
    );
    return fitted.fittedOn === 0 ? inherited : fitted;
  });
}
