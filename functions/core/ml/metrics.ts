/** Counts of one label's decisions against the truth. */
export interface BinaryCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** How well one label is predicted; `rocAuc` is null when the data has no positive or no negative. */
export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Examples that carry the label. */
  support: number;
  rocAuc: number | null;
}

/** Precision, recall and F1 from counts; a ratio with nothing to count is 0, as scikit-learn reports it. */
export function precisionRecallF1(counts: BinaryCounts): Pick<LabelMetrics, 'precision' | 'recall' | 'f1'> {
  const { truePositives, falsePositives, falseNegatives } = counts;
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Matthews correlation coefficient of a binary decision; 0 when a row or column of the matrix is empty. */
export function matthewsCorrelation(counts: BinaryCounts): number {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn } = counts;
  const denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return denominator === 0 ? 0 : (tp * tn - fp * fn) / denominator;
}

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties
 * counting half (the Mann–Whitney statistic over average ranks).
 */
export function rocAuc(scores: ArrayLike<number>, positives: ArrayLike<number>): number | null {
  const order = Array.from({ length: scores.length }, (_, index) => index).sort(
    (left, right) => (scores[left] as number) - (scores[right] as number),
  );
  let positiveCount = 0;
  let positiveRankSum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    const score = scores[order[start] as number] as number;
    while (end + 1 < order.length && scores[order[end + 1] as number] === score) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index++) {
      if (positives[order[index] as number]) {
        positiveCount++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negativeCount = order.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return null;
  return (positiveRankSum - (positiveCount * (positiveCount + 1)) / 2) / (positiveCount * negativeCount);
}

/** The unweighted mean of the F1 of labels with support, and the mean weighted by support. */
export function averageF1(metrics: readonly LabelMetrics[]): { macroF1: number; weightedF1: number } {
  const supported = metrics.filter((label) => label.support > 0);
  const totalSupport = supported.reduce((sum, label) => sum + label.support, 0);
  return {
    macroF1: ratio(
      supported.reduce((sum, label) => sum + label.f1, 0),
      supported.length,
    ),
    weightedF1: ratio(
      supported.reduce((sum, label) => sum + label.f1 * label.support, 0),
      totalSupport,
    ),
  };
}
