import { describe, expect, it } from 'vitest';
import { calibrate, fitPlattScaling, UNCALIBRATED } from '#core/ml/calibration';
import { seededRandom } from '#core/ml/seeded-random';

describe('fitPlattScaling', () => {
  it('recovers the scaling that generated the labels, so a score of 0.8 holds about 80% positives', () => {
    const random = seededRandom(11);
    const truth = { slope: 2, intercept: -1, fittedOn: 0 };
    const margins = Array.from({ length: 20_000 }, () => random() * 6 - 3);
    const positives = margins.map((margin) => (random() < calibrate(truth, margin) ? 1 : 0));
    const fitted = fitPlattScaling(margins, positives);

    // Within sampling error of 20,000 draws.
    expect(Math.abs(fitted.slope - 2)).toBeLessThan(0.15);
    expect(Math.abs(fitted.intercept + 1)).toBeLessThan(0.15);
    expect(fitted.fittedOn).toBe(20_000);
    const near80 = margins.flatMap((margin, index) => {
      const score = calibrate(fitted, margin);
      return score > 0.75 && score < 0.85 ? [positives[index] as number] : [];
    });
    expect(near80.reduce((sum, positive) => sum + positive, 0) / near80.length).toBeCloseTo(0.8, 1);
  });

  it('keeps slopes finite on perfectly separated data', () => {
    const fitted = fitPlattScaling([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(fitted.slope) && Number.isFinite(fitted.intercept)).toBe(true);
    expect(calibrate(fitted, 3)).toBeLessThan(1);
    expect(calibrate(fitted, 3)).toBeGreaterThan(calibrate(fitted, -3));
  });

  it('falls back to the uncalibrated logistic output when the held-out part has no positive', () => {
    expect(fitPlattScaling([0.1, -2, 0.5], [0, 0, 0])).toEqual(UNCALIBRATED);
  });
});
