// Run in its own process with --expose-gc (bench/rule-engine.ts does), so the build is cold, as
// in a new Lambda, and the heap it retains can be measured after a collection.
import { compileRuleSet } from '#core/rules/compile';
import { evaluate } from '#core/rules/evaluate';
import { generatedKeywordPack, generateKeywords } from './rule-engine-corpus.ts';
import { benchPacks } from './rule-engine-packs.ts';

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with node --expose-gc');
const retained = (): number => {
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const { packs } = await benchPacks();
const keywordPack = generatedKeywordPack(generateKeywords(10_000));
const otherKeywordPack = generatedKeywordPack(generateKeywords(10_000, 12));
const before = retained();
const coldStarted = performance.now();
const ruleSet = compileRuleSet([...packs, keywordPack]);
const buildMs = performance.now() - coldStarted;
evaluate(ruleSet, { kind: 'listing', body: 'warm the workspace up' }, new Date());
const heapBytes = retained() - before;
const warmStarted = performance.now();
compileRuleSet([...packs, otherKeywordPack]);
const buildWarmMs = performance.now() - warmStarted;

console.log(
  JSON.stringify({
    buildMs: Math.round(buildMs),
    buildWarmMs: Math.round(buildWarmMs),
    heapMB: Math.round((heapBytes / 2 ** 20) * 10) / 10,
    automatonMB: Math.round((ruleSet.stats.automatonBytes / 2 ** 20) * 10) / 10,
    states: ruleSet.stats.states,
    patterns: ruleSet.stats.patterns,
  }),
);
