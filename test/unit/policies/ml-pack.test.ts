import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '#adapters/embedded/model-file';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import type { CompiledRuleSet } from '#core/rules/compile';
import { evaluate } from '#core/rules/evaluate';

const root = join(import.meta.dirname, '../../..');
const NOW = new Date('2026-01-15T09:00:00Z');
const MESSAGE = { kind: 'message', locale: 'en', body: 'Is the bike still available?' } as const;

let ruleSet: CompiledRuleSet;
let starterLabels: readonly string[];
beforeAll(async () => {
  ruleSet = await new FileRuleSetSource(join(root, 'policies')).active();
  starterLabels = (await readModelFile(join(root, 'models/starter.model'))).header.labels;
});

describe('the ml pack', () => {
  it('sends an item to review when the starter model is confident about any of its labels', () => {
    for (const label of starterLabels) {
      const evaluation = evaluate(ruleSet, MESSAGE, NOW, { mlScores: { [label]: 0.95 } });

      expect(evaluation.decision, label).toBe('review');
      expect(evaluation.reasons.map((reason) => reason.ruleId)).toEqual([`ml.${label}.confident`]);
    }
  });

  it('records an uncertain score in shadow only, leaving the item allowed', () => {
    const evaluation = evaluate(ruleSet, MESSAGE, NOW, { mlScores: { scam: 0.7, toxic: 0.75 } });

    expect(evaluation.decision).toBe('allow');
    expect(evaluation.shadowReasons.map((reason) => reason.ruleId).sort()).toEqual([
      'ml.comprehend.toxic-uncertain',
      'ml.scam.uncertain',
    ]);
  });

  it('allows an item whose scores are all low, and one that was never scored', () => {
    const low = Object.fromEntries(starterLabels.map((label) => [label, 0.1]));

    expect(evaluate(ruleSet, MESSAGE, NOW, { mlScores: { ...low, toxic: 0.1 } }).decision).toBe('allow');
    expect(evaluate(ruleSet, MESSAGE, NOW).reasons).toEqual([]);
  });
});
