import type { LabelledExample } from '#schemas/labelled-example';
import { seededRandom, shuffleInPlace } from './seeded-random.ts';

/** Two disjoint parts of a list of examples, each in the original order. */
export interface ExampleSplit<T> {
  train: T[];
  test: T[];
}

/**
 * Splits examples into a train and a test part, stratified by label set so a rare label lands in
 * both, with `testShare` of each stratum (rounded) in the test part. Same seed, same split.
 */
export function stratifiedSplit<T extends Pick<LabelledExample, 'labels'>>(
  examples: readonly T[],
  testShare: number,
  seed: number,
): ExampleSplit<T> {
  const strata = new Map<string, number[]>();
  examples.forEach((example, index) => {
    const key = [...example.labels].sort().join('\u0000');
    const members = strata.get(key);
    if (members) members.push(index);
    else strata.set(key, [index]);
  });
  const random = seededRandom(seed);
  const inTest = new Uint8Array(examples.length);
  for (const key of [...strata.keys()].sort()) {
    const members = shuffleInPlace(strata.get(key) as number[], random);
    const testCount = Math.round(members.length * testShare);
    for (const index of members.slice(0, testCount)) inTest[index] = 1;
  }
  const split: ExampleSplit<T> = { train: [], test: [] };
  examples.forEach((example, index) => {
    (inTest[index] ? split.test : split.train).push(example);
  });
  return split;
}
