import { functionBundles, HANDLERS } from './function-bundles.ts';
import type { Baseline, BenchSection } from './section.ts';

/** The budget of one function bundle: 500 KiB minified, as esbuild counts kb. */
export const BUNDLE_BUDGET_BYTES = 500 * 1024;

const budget: Baseline = { value: BUNDLE_BUDGET_BYTES, higherIsBetter: false, note: 'budget, 500 KiB' };

/**
 * Bytes of each function's minified bundle (source map aside), built with the same options as the
 * constructs use, and how many bundles are over the budget.
 */
export const bundles: BenchSection = {
  name: 'bundles',
  baselines: Object.fromEntries(HANDLERS.map((handler) => [`bytes.${handler}`, budget])),
  run: async (progress) => {
    const built = await functionBundles(progress);
    return {
      bytes: Object.fromEntries(built.map(({ handler, bytes }) => [handler, bytes])),
      overBudget: built.filter(({ bytes }) => bytes > BUNDLE_BUDGET_BYTES).length,
    };
  },
};
