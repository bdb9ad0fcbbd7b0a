import type { Evaluation } from '#core/ml/evaluation';
import type { ModelHeader } from '#schemas/classifier-model';

/** The JSON `patrol eval --json` prints: headline figures first, then per label, then the counts behind them. */
export function evaluationJson(evaluation: Evaluation, header: ModelHeader): Record<string, unknown> {
  return {
    modelId: header.modelId,
    modelVersion: header.modelVersion,
    mode: evaluation.mode,
    examples: evaluation.examples,
    ...(evaluation.mode === 'multi-label' ? { threshold: evaluation.threshold } : {}),
    macroF1: evaluation.macroF1,
    weightedF1: evaluation.weightedF1,
    accuracy: evaluation.accuracy,
    ...(evaluation.mcc === undefined ? {} : { mcc: evaluation.mcc }),
    labels: Object.fromEntries(
      Object.entries(evaluation.labels).map(([label, metrics]) => [
        label,
        {
          precision: metrics.precision,
          recall: metrics.recall,
          f1: metrics.f1,
          support: metrics.support,
          rocAuc: metrics.rocAuc,
          ...metrics.counts,
        },
      ]),
    ),
    ...(evaluation.confusionMatrix ? { confusionMatrix: evaluation.confusionMatrix } : {}),
  };
}

const figure = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(3));

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The human-readable report of `patrol eval`: per label figures, averages and the confusion matrix. */
export function formatEvaluation(evaluation: Evaluation, header: ModelHeader): string {
  const decision =
    evaluation.mode === 'multi-class'
      ? 'multi-class: the top-scoring label is the prediction'
      : `multi-label: a label is predicted when its score is at least ${evaluation.threshold}`;
  const lines = [
    `model ${header.modelId} ${header.modelVersion}, ${evaluation.examples} examples, ${decision}`,
    '',
    table([
      ['label', 'precision', 'recall', 'f1', 'support', 'roc-auc'],
      ...Object.entries(evaluation.labels).map(([label, metrics]) => [
        label,
        figure(metrics.precision),
        figure(metrics.recall),
        figure(metrics.f1),
        String(metrics.support),
        figure(metrics.rocAuc),
      ]),
    ]),
    '',
    `macro F1 ${figure(evaluation.macroF1)}  weighted F1 ${figure(evaluation.weightedF1)}  ${
      evaluation.mode === 'multi-class' ? 'accuracy' : 'exact match'
    } ${figure(evaluation.accuracy)}${evaluation.mcc === undefined ? '' : `  MCC ${figure(evaluation.mcc)}`}`,
    '',
  ];
  if (evaluation.confusionMatrix) {
    const { labels, counts } = evaluation.confusionMatrix;
    lines.push(
      'confusion matrix (rows: actual, columns: predicted)',
      table([['', ...labels], ...labels.map((label, row) => [label, ...(counts[row] ?? []).map(String)])]),
    );
  } else {
    lines.push(
      'confusion per label',
      table([
        ['label', 'true +', 'false +', 'false -', 'true -'],
        ...Object.entries(evaluation.labels).map(([label, { counts }]) => [
          label,
          String(counts.truePositives),
          String(counts.falsePositives),
          String(counts.falseNegatives),
          String(counts.trueNegatives),
        ]),
      ]),
    );
  }
  return lines.join('\n');
}
