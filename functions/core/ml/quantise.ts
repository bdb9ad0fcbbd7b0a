import type { DenseWeights } from './fit-weights.ts';

const INT8_STEPS = 127;

/** Weights rounded to int8 with one scale per label, keeping only buckets where some label is non-zero. */
export interface QuantisedWeights {
  readonly scales: number[];
  readonly rowBuckets: Uint32Array;
  readonly rowWeights: Int8Array;
}

/**
 * Quantises each label's weights to int8 steps of maxAbs / 127. Buckets whose weights all round to
 * zero are dropped, which is most of a hashed feature space and what keeps the file small.
 */
export function quantiseWeights({ labelCount, weights }: DenseWeights): QuantisedWeights {
  const bucketCount = weights.length / labelCount;
  const maxAbs = new Float64Array(labelCount);
  for (let at = 0; at < weights.length; at++) {
    const label = at % labelCount;
    maxAbs[label] = Math.max(maxAbs[label] as number, Math.abs(weights[at] as number));
  }
  const scales = Array.from(maxAbs, (max) => max / INT8_STEPS);
  const inverse = scales.map((scale) => (scale > 0 ? 1 / scale : 0));
  const quantised = new Int8Array(weights.length);
  const keptBuckets: number[] = [];
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    let kept = false;
    for (let label = 0; label < labelCount; label++) {
      const at = bucket * labelCount + label;
      const step = Math.round((weights[at] as number) * (inverse[label] as number));
      quantised[at] = step;
      if (step !== 0) kept = true;
    }
    if (kept) keptBuckets.push(bucket);
  }
  const rowBuckets = Uint32Array.from(keptBuckets);
  const rowWeights = new Int8Array(rowBuckets.length * labelCount);
  rowBuckets.forEach((bucket, row) => {
    rowWeights.set(quantised.subarray(bucket * labelCount, (bucket + 1) * labelCount), row * labelCount);
  });
  return { scales, rowBuckets, rowWeights };
}

/** Dense float weights from a model's rows, with its labels placed at `labelPositions` of `labelCount`. */
export function dequantiseRows(
  rows: { scales: readonly number[]; rowBuckets: Uint32Array; rowWeights: Int8Array },
  target: DenseWeights,
  labelPositions: readonly number[],
): void {
  const sourceLabels = labelPositions.length;
  rows.rowBuckets.forEach((bucket, row) => {
    for (let label = 0; label < sourceLabels; label++) {
      const weight = (rows.rowWeights[row * sourceLabels + label] as number) * (rows.scales[label] as number);
      target.weights[bucket * target.labelCount + (labelPositions[label] as number)] = weight;
    }
  });
}
