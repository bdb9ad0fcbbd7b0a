import { type ClassifierModel, createScorer } from './classifier-model.ts';
import { TrainingDataError } from './errors.ts';
import {
  averageF1,
  type BinaryCounts,
  type LabelMetrics,
  matthewsCorrelation,
  precisionRecallF1,
  rocAuc,
} from './metrics.ts';
import type { TrainingExample } from './train.ts';

/** One label's figures, with the counts behind them. */
export interface LabelEvaluation extends LabelMetrics {
  counts: BinaryCounts;
}

/**
 * How a model did on labelled examples. `multi-class` (every example has exactly one label and the
 * model was trained that way) predicts the top-scoring label; `multi-label` predicts each label whose
 * score reaches the threshold.
 */
export interface Evaluation {
  mode: 'multi-class' | 'multi-label';
  examples: number;
  threshold: number;
  labels: Record<string, LabelEvaluation>;
  macroF1: number;
  weightedF1: number;
  /** Share of examples whose predicted label set is exactly the true one. */
  accuracy: number;
  /** Matthews correlation, when the decision is binary (two classes, or one label). */
  mcc?: number;
  /** Multi-class only: counts[actual][predicted], in the order of `labels`. */
  confusionMatrix?: { labels: string[]; counts: number[][] };
}

function emptyCounts(): BinaryCounts {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let index = 1; index < values.length; index++)
    if ((values[index] as number) > (values[best] as number)) best = index;
  return best;
}

/** Scores every example with the model and compares with its labels. */
export function evaluateModel(
  model: ClassifierModel,
  examples: readonly TrainingExample[],
  threshold = 0.5,
): Evaluation {
  if (examples.length === 0) throw new TrainingDataError('no examples to evaluate');
  const { labels } = model.header;
  const position = new Map(labels.map((label, index) => [label, index]));
  const truth = examples.map((example, index) =>
    example.labels.map((label) => {
      const at = position.get(label);
      if (at === undefined) {
        throw new TrainingDataError(
          `labels: the model does not know ${JSON.stringify(label)} (it knows ${labels.join(', ')})`,
          example.origin ?? `example ${index + 1}`,
        );
      }
      return at;
    }),
  );
  const scorer = createScorer(model);
  const scores = examples.map((example) => scorer.scores(example.text));
  const exclusive = model.header.training.exclusiveLabels && truth.every((labelsOf) => labelsOf.length === 1);
  return evaluateScores(labels, truth, scores, { exclusive, threshold });
}

/** Metrics from scores and true label indices; see `Evaluation` for the two modes. */
export function evaluateScores(
  labels: readonly string[],
  truth: readonly (readonly number[])[],
  scores: readonly Float64Array[],
  options: { exclusive: boolean; threshold: number },
): Evaluation {
  const labelCount = labels.length;
  const counts = labels.map(emptyCounts);
  const matrix = labels.map(() => new Array<number>(labelCount).fill(0));
  let exact = 0;
  truth.forEach((actual, example) => {
    const row = scores[example] as Float64Array;
    const predicted = options.exclusive
      ? [argmax(row)]
      : labels.flatMap((_, label) => ((row[label] as number) >= options.threshold ? [label] : []));
    if (options.exclusive) {
      const matrixRow = matrix[actual[0] as number] as number[];
      matrixRow[predicted[0] as number] = (matrixRow[predicted[0] as number] as number) + 1;
    }
    if (predicted.length === actual.length && predicted.every((label) => actual.includes(label))) exact++;
    for (let label = 0; label < labelCount; label++) {
      const isActual = actual.includes(label);
      const isPredicted = predicted.includes(label);
      const labelCounts = counts[label] as BinaryCounts;
      if (isActual && isPredicted) labelCounts.truePositives++;
      else if (isPredicted) labelCounts.falsePositives++;
      else if (isActual) labelCounts.falseNegatives++;
      else labelCounts.trueNegatives++;
    }
  });
  const perLabel = labels.map((_, label): LabelEvaluation => {
    const labelCounts = counts[label] as BinaryCounts;
    const positives = truth.map((actual) => (actual.includes(label) ? 1 : 0));
    return {
      ...precisionRecallF1(labelCounts),
      support: labelCounts.truePositives + labelCounts.falseNegatives,
      rocAuc: rocAuc(
        scores.map((row) => row[label] as number),
        positives,
      ),
      counts: labelCounts,
    };
  });
  const binary = options.exclusive ? labelCount === 2 : labelCount === 1;
  return {
    mode: options.exclusive ? 'multi-class' : 'multi-label',
    examples: truth.length,
    threshold: options.threshold,
    labels: Object.fromEntries(labels.map((label, index) => [label, perLabel[index] as LabelEvaluation])),
    ...averageF1(perLabel),
    accuracy: truth.length === 0 ? 0 : exact / truth.length,
    ...(binary ? { mcc: matthewsCorrelation(counts[labelCount - 1] as BinaryCounts) } : {}),
    ...(options.exclusive ? { confusionMatrix: { labels: [...labels], counts: matrix } } : {}),
  };
}
