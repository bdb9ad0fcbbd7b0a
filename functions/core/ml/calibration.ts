import type { PlattScaling } from '#schemas/classifier-model';

/** The scaling used where no held-out data can fit one: the logistic model's own probability. */
export const UNCALIBRATED: PlattScaling = { slope: 1, intercept: 0, fittedOn: 0 };

const MAX_ITERATIONS = 100;
const MIN_STEP = 1e-10;
const HESSIAN_RIDGE = 1e-12;

/** Log loss of sigmoid(z) against target t, computed without overflow for large |z|. */
function logLoss(z: number, target: number): number {
  return z >= 0 ? (1 - target) * z + Math.log1p(Math.exp(-z)) : -target * z + Math.log1p(Math.exp(z));
}

function totalLoss(
  margins: ArrayLike<number>,
  targets: Float64Array,
  slope: number,
  intercept: number,
): number {
  let loss = 0;
  for (let index = 0; index < targets.length; index++) {
    loss += logLoss(slope * (margins[index] as number) + intercept, targets[index] as number);
  }
  return loss;
}

/**
 * Fits Platt scaling on held-out margins (Newton's method with backtracking, after Lin, Lin and Weng
 * 2007), with Platt's smoothed targets so a perfectly separated split does not give infinite slopes.
 * Returns the uncalibrated scaling when the held-out part lacks positives or negatives.
 */
export function fitPlattScaling(margins: ArrayLike<number>, positives: ArrayLike<number>): PlattScaling {
  const size = margins.length;
  let positiveCount = 0;
  for (let index = 0; index < size; index++) positiveCount += positives[index] ? 1 : 0;
  const negativeCount = size - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return UNCALIBRATED;
  const high = (positiveCount + 1) / (positiveCount + 2);
  const low = 1 / (negativeCount + 2);
  const targets = new Float64Array(size);
  for (let index = 0; index < size; index++) targets[index] = positives[index] ? high : low;

  let slope = 0;
  let intercept = Math.log((positiveCount + 1) / (negativeCount + 1));
  let loss = totalLoss(margins, targets, slope, intercept);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let h11 = HESSIAN_RIDGE;
    let h22 = HESSIAN_RIDGE;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let index = 0; index < size; index++) {
      const margin = margins[index] as number;
      const probability = 1 / (1 + Math.exp(-(slope * margin + intercept)));
      const curvature = probability * (1 - probability);
      h11 += margin * margin * curvature;
      h22 += curvature;
      h21 += margin * curvature;
      const residual = probability - (targets[index] as number);
      g1 += margin * residual;
      g2 += residual;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const determinant = h11 * h22 - h21 * h21;
    const stepSlope = -(h22 * g1 - h21 * g2) / determinant;
    const stepIntercept = -(-h21 * g1 + h11 * g2) / determinant;
    const descent = g1 * stepSlope + g2 * stepIntercept;
    let step = 1;
    while (step >= MIN_STEP) {
      const nextSlope = slope + step * stepSlope;
      const nextIntercept = intercept + step * stepIntercept;
      const nextLoss = totalLoss(margins, targets, nextSlope, nextIntercept);
      if (nextLoss < loss + 1e-4 * step * descent) {
        slope = nextSlope;
        intercept = nextIntercept;
        loss = nextLoss;
        break;
      }
      step /= 2;
    }
    if (step < MIN_STEP) break;
  }
  return { slope, intercept, fittedOn: size };
}

/** A calibrated score from a raw margin. */
export function calibrate(scaling: PlattScaling, margin: number): number {
  return 1 / (1 + Math.exp(-(scaling.slope * margin + scaling.intercept)));
}
