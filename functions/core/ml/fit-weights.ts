import type { SparseFeatures } from './features.ts';
import { seededRandom, shuffleInPlace } from './seeded-random.ts';

/** One-vs-rest logistic regression weights: `weights[bucket * labelCount + label]`. */
export interface DenseWeights {
  readonly labelCount: number;
  readonly weights: Float32Array;
  readonly biases: Float64Array;
}

/** Examples ready for fitting: features, and a 0/1 target per example and label. */
export interface FittingData {
  readonly features: readonly SparseFeatures[];
  /** `targets[example * labelCount + label]` is 1 when the example carries the label. */
  readonly targets: Uint8Array;
}

export interface FittingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update, pulling each weight towards `anchor` (zero when there is none). */
  l2: number;
  seed: number;
  /** Weights to stay close to when adding data to an existing model. */
  anchor?: Float32Array;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/** Below this, a label's gradient changes nothing worth the multiply-adds. */
const NEGLIGIBLE_GRADIENT = 1e-4;
const EPSILON = 1e-8;

/** Zero weights for a bucket count and labels. */
export function zeroWeights(bucketBits: number, labelCount: number): DenseWeights {
  return {
    labelCount,
    weights: new Float32Array(2 ** bucketBits * labelCount),
    biases: new Float64Array(labelCount),
  };
}

function logLoss(margin: number, target: number): number {
  const signed = target ? margin : -margin;
  return signed >= 0 ? Math.log1p(Math.exp(-signed)) : -signed + Math.log1p(Math.exp(signed));
}

/**
 * Fits the weights in place with AdaGrad on the logistic loss, visiting the examples in a seeded
 * shuffled order each epoch; L2 is applied to the weights an example touches (lazy regularisation).
 */
export function fitWeights(model: DenseWeights, data: FittingData, options: FittingOptions): void {
  const { labelCount, weights, biases } = model;
  const { learningRate, l2, anchor } = options;
  const squaredGradients = new Float32Array(weights.length);
  const biasSquaredGradients = new Float64Array(labelCount);
  const gradients = new Float64Array(labelCount);
  const margins = new Float64Array(labelCount);
  const random = seededRandom(options.seed);
  const order = Array.from({ length: data.features.length }, (_, index) => index);

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (const example of order) {
      const { indices, values } = data.features[example] as SparseFeatures;
      margins.set(biases);
      for (let index = 0; index < indices.length; index++) {
        const offset = (indices[index] as number) * labelCount;
        const value = values[index] as number;
        for (let label = 0; label < labelCount; label++) {
          margins[label] = (margins[label] as number) + (weights[offset + label] as number) * value;
        }
      }
      const targetOffset = example * labelCount;
      for (let label = 0; label < labelCount; label++) {
        const margin = margins[label] as number;
        const target = data.targets[targetOffset + label] as number;
        loss += logLoss(margin, target);
        const gradient = 1 / (1 + Math.exp(-margin)) - target;
        gradients[label] = gradient;
        if (Math.abs(gradient) < NEGLIGIBLE_GRADIENT) continue;
        biasSquaredGradients[label] = (biasSquaredGradients[label] as number) + gradient * gradient;
        biases[label] =
          (biases[label] as number) -
          (learningRate * gradient) / (Math.sqrt(biasSquaredGradients[label] as number) + EPSILON);
      }
      for (let index = 0; index < indices.length; index++) {
        const offset = (indices[index] as number) * labelCount;
        const value = values[index] as number;
        for (let label = 0; label < labelCount; label++) {
          const gradient = gradients[label] as number;
          if (Math.abs(gradient) < NEGLIGIBLE_GRADIENT) continue;
          const at = offset + label;
          const weight = weights[at] as number;
          const step = gradient * value + l2 * (weight - (anchor ? (anchor[at] as number) : 0));
          const accumulated = (squaredGradients[at] as number) + step * step;
          squaredGradients[at] = accumulated;
          weights[at] = weight - (learningRate * step) / (Math.sqrt(accumulated) + EPSILON);
        }
      }
    }
    options.onEpoch?.(epoch, loss / Math.max(1, order.length));
  }
}
