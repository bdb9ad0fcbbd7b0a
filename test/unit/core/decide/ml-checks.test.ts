import { fileURLToPath } from 'node:url';
import {
  ComprehendClient,
  DetectToxicContentCommand,
  type DetectToxicContentRequest,
  InternalServerException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ComprehendClassifier } from '#adapters/comprehend/comprehend-classifier';
import { USD_PER_UNIT } from '#adapters/comprehend/pricing';
import { EmbeddedClassifier } from '#adapters/embedded/embedded-classifier';
import { readModelFile } from '#adapters/embedded/model-file';
import { MemoryMlBudget } from '#adapters/memory/memory-ml-budget';
import { MemoryMlMetrics } from '#adapters/memory/memory-ml-metrics';
import { MemoryTenantSecrets } from '#adapters/memory/memory-tenant-secrets';
import { MemoryVerdictStore } from '#adapters/memory/memory-verdict-store';
import { MlBudgetStoreUnavailableError } from '#core/decide/errors';
import { type IngestDependencies, ingestSubmission } from '#core/decide/ingest-submission';
import { ML_UNAVAILABLE } from '#core/decide/ml-checks';
import type { Classifier } from '#ports/classifier';
import type { MlBudget, MlBudgetCaps } from '#ports/ml-budget';
import type { RulePack } from '#schemas/rule';
import type { Verdict } from '#schemas/verdict';
import { FakeTime } from '#test/helpers/fake-time';
import { aRuleSetSource, testRulePack } from '#test/helpers/rule-sets';
import { aSubmission, aSubmissionBody } from '#test/helpers/submissions';

const comprehend = mockClient(ComprehendClient);
const STARTER_MODEL = fileURLToPath(new URL('../../../../models/starter.model', import.meta.url));
const NOW = '2026-11-20T09:00:00.000Z';

/** The test pack plus one rule on a Comprehend score. */
const mlPack: RulePack = {
  pack: 'ml-test',
  description: 'Sends what Comprehend scores toxic to review.',
  rules: [
    {
      id: 'ml.toxic-to-review',
      description: 'Comprehend is fairly sure the text is toxic.',
      clause: 'guidelines 2.1: be civil',
      status: 'live',
      severity: 'medium',
      when: { ml: { label: 'toxic', atLeast: 0.8 } },
      action: { type: 'review', queue: 'harassment', priority: 'P2' },
    },
  ],
};

let embedded: EmbeddedClassifier;
let starterModelId: string;
beforeAll(async () => {
  const model = await readModelFile(STARTER_MODEL);
  embedded = new EmbeddedClassifier(model);
  starterModelId = model.header.modelId;
});

afterEach(() => {
  comprehend.reset();
});

/** Answers DetectToxicContent with the given overall toxicity for every segment. */
function answerToxicity(toxicity: number): void {
  comprehend.on(DetectToxicContentCommand).callsFake(async (input: DetectToxicContentRequest) => ({
    ResultList: (input.TextSegments ?? []).map(() => ({ Labels: [], Toxicity: toxicity })),
  }));
}

function setup(
  caps: MlBudgetCaps = { dailyUnits: 1_000_000 },
  overrides: { budget?: MlBudget; embedded?: Classifier } = {},
) {
  const time = new FakeTime(NOW);
  const metrics = new MemoryMlMetrics();
  const paid = new ComprehendClassifier(
    {
      client: new ComprehendClient({ region: 'ap-northeast-1' }),
      budget: overrides.budget ?? new MemoryMlBudget(caps, time),
      metrics,
      clock: time,
      delays: time,
      random: () => 0.5,
    },
    {
      retry: { maxAttempts: 1 },
      breaker: { failureThreshold: 2, failureWindowMs: 60_000, coolDownMs: 60_000 },
    },
  );
  const dependencies: IngestDependencies = {
    ruleSets: aRuleSetSource([testRulePack, mlPack]),
    secrets: new MemoryTenantSecrets({ 'acme-market': new Uint8Array(32).fill(3) }),
    verdicts: new MemoryVerdictStore(),
    clock: time,
    ml: { embedded: overrides.embedded ?? embedded, paid },
  };
  const decide = async (submission: Parameters<typeof aSubmissionBody>[0]): Promise<Verdict> =>
    (await ingestSubmission(aSubmissionBody(submission), dependencies)).verdict;
  return { decide, metrics };
}

const englishMessage = (body: string) => aSubmission('message', { locale: 'en-US', body });

describe('the ML checks of ingestSubmission', () => {
  it('calls Comprehend only for English items the rules have not decided', async () => {
    answerToxicity(0.02);
    const { decide } = setup();

    const blocked = await decide(englishMessage('Great, add me on LINE and I will send the details.'));
    const japanese = await decide(aSubmission('message'));
    const english = await decide(englishMessage('Is the camera still available for pickup on Saturday?'));

    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(1);
    expect(blocked.decision).toBe('block');
    expect(blocked.ml).toBeUndefined();
    expect(japanese.ml?.models.map((model) => [model.modelId, model.skipped])).toEqual([
      [starterModelId, undefined],
      ['amazon-comprehend', 'unsupported_language'],
    ]);
    expect(english.decision).toBe('allow');
    expect(english.ml?.models.map((model) => model.modelId)).toEqual([starterModelId, 'amazon-comprehend']);
  });

  it('sends an item to review when a rule reads a high Comprehend score', async () => {
    answerToxicity(0.93);
    const { decide } = setup();

    const verdict = await decide(englishMessage('Nobody wants you here, get lost.'));

    expect(verdict.decision).toBe('review');
    expect(verdict.reasons.map((reason) => reason.ruleId)).toEqual(['ml.toxic-to-review']);
    expect(verdict.ml?.models[1]?.scores.toxic).toBe(0.93);
  });

  it('sends items to review with ml_unavailable, never allows them, when Comprehend fails and its breaker opens', async () => {
    comprehend
      .on(DetectToxicContentCommand)
      .rejects(new InternalServerException({ message: 'internal error', $metadata: {} }));
    const { decide, metrics } = setup();

    const verdicts = [];
    for (const body of ['Is it still for sale?', 'Can you ship to Leeds?', 'Would you take 40 for it?']) {
      verdicts.push(await decide(englishMessage(body)));
    }

    expect(verdicts.map((verdict) => verdict.decision)).toEqual(['review', 'review', 'review']);
    expect(verdicts.map((verdict) => verdict.reasons.at(-1)?.ruleId)).toEqual([
      ML_UNAVAILABLE,
      ML_UNAVAILABLE,
      ML_UNAVAILABLE,
    ]);
    expect(verdicts.map((verdict) => verdict.ml?.unavailable)).toEqual([
      { classifier: 'paid', reason: 'call_failed' },
      { classifier: 'paid', reason: 'call_failed' },
      { classifier: 'paid', reason: 'circuit_open' },
    ]);
    expect(verdicts[2]?.review).toEqual({ queue: 'ml-checks', priority: 'P3' });
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(2);
    expect(metrics.unavailableCount('circuit_open')).toBe(1);
  });

  it('stops calling Comprehend once the tenant’s budget is spent, deciding with the rules and the embedded model', async () => {
    answerToxicity(0.02);
    const { decide, metrics } = setup({ dailyUnits: 3 });

    const first = await decide(englishMessage('Is the camera still available?'));
    const second = await decide(englishMessage('Does it come with the original lens cap?'));

    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(1);
    expect(first.ml?.unavailable).toBeUndefined();
    expect(second.decision).toBe('allow');
    expect(second.ml?.unavailable).toEqual({ classifier: 'paid', reason: 'budget_exceeded' });
    expect(second.ml?.models.map((model) => model.modelId)).toEqual([starterModelId]);
    expect(metrics.unavailableCount('budget_exceeded')).toBe(1);
  });

  it('records on each verdict what its own Comprehend calls cost', async () => {
    answerToxicity(0.02);
    const { decide, metrics } = setup();
    const long = `${'The lens is sharp and the shutter fires at every speed. '.repeat(10)}`.trim();

    const short = await decide(englishMessage('Still available?'));
    const longer = await decide(englishMessage(long));

    const unitsOfLong = Math.ceil([...long].length / 100);
    expect(short.ml?.costUsd).toBeCloseTo(3 * USD_PER_UNIT.DetectToxicContent, 10);
    expect(longer.ml?.costUsd).toBeCloseTo(unitsOfLong * USD_PER_UNIT.DetectToxicContent, 10);
    expect((short.ml?.costUsd ?? 0) + (longer.ml?.costUsd ?? 0)).toBeCloseTo(metrics.costUsd(), 10);
  });

  it('sends an item to review when the embedded model cannot be loaded, without calling Comprehend', async () => {
    answerToxicity(0.02);
    const { decide } = setup(undefined, {
      embedded: EmbeddedClassifier.loadingOnFirstUse('/nonexistent.model'),
    });

    const verdict = await decide(englishMessage('Is the camera still available?'));

    expect(verdict.decision).toBe('review');
    expect(verdict.ml?.unavailable).toEqual({ classifier: 'embedded', reason: 'classifier_failed' });
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(0);
  });

  it('leaves the message to be retried, deciding nothing, when the budget store fails', async () => {
    answerToxicity(0.02);
    const failing: MlBudget = {
      reserve: async () => {
        throw new Error('ProvisionedThroughputExceededException');
      },
      usedUnits: async () => 0,
    };
    const { decide } = setup(undefined, { budget: failing });

    await expect(decide(englishMessage('Is the camera still available?'))).rejects.toBeInstanceOf(
      MlBudgetStoreUnavailableError,
    );
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(0);
  });
});
