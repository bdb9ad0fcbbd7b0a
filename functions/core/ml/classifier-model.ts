import type { ModelHeader } from '#schemas/classifier-model';
import { calibrate, UNCALIBRATED } from './calibration.ts';
import { createFeatureExtractor, type SparseFeatures } from './features.ts';

/**
 * A trained model as data: its header, and its int8 weights for the buckets where some label has a
 * non-zero weight (`rowBuckets` ascending, `rowWeights` one row of `labels.length` per bucket).
 */
export interface ClassifierModel {
  readonly header: ModelHeader;
  readonly rowBuckets: Uint32Array;
  readonly rowWeights: Int8Array;
}

/** Scores texts with one model; holds the dequantised weights and a feature scratch table. */
export interface ModelScorer {
  readonly labels: readonly string[];
  readonly features: (text: string) => SparseFeatures;
  /** Raw margins (log-odds before calibration), one per label. */
  margins(features: SparseFeatures): Float64Array;
  /** Calibrated scores from 0 to 1, one per label, in the order of `labels`. */
  scores(text: string): Float64Array;
}

/** Builds a scorer: a bucket-to-row table and float weights, so scoring is a lookup and a multiply-add per feature. */
export function createScorer(model: ClassifierModel): ModelScorer {
  const { header, rowBuckets, rowWeights } = model;
  const labelCount = header.labels.length;
  const rowOf = new Int32Array(2 ** header.features.bucketBits).fill(-1);
  rowBuckets.forEach((bucket, row) => {
    rowOf[bucket] = row * labelCount;
  });
  const weights = new Float32Array(rowWeights.length);
  for (let row = 0; row < rowBuckets.length; row++) {
    for (let label = 0; label < labelCount; label++) {
      const at = row * labelCount + label;
      weights[at] = (rowWeights[at] as number) * (header.weights.scales[label] as number);
    }
  }
  const biases = Float64Array.from(header.weights.biases);
  const features = createFeatureExtractor(header.features);

  function margins({ indices, values }: SparseFeatures): Float64Array {
    const sums = Float64Array.from(biases);
    for (let index = 0; index < indices.length; index++) {
      const offset = rowOf[indices[index] as number] as number;
      if (offset < 0) continue;
      const value = values[index] as number;
      for (let label = 0; label < labelCount; label++) {
        sums[label] = (sums[label] as number) + (weights[offset + label] as number) * value;
      }
    }
    return sums;
  }

  return {
    labels: header.labels,
    features,
    margins,
    scores(text: string): Float64Array {
      const raw = margins(features(text));
      for (let label = 0; label < labelCount; label++) {
        raw[label] = calibrate(header.calibration[label] ?? UNCALIBRATED, raw[label] as number);
      }
      return raw;
    },
  };
}
