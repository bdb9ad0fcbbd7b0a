import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createScorer } from '#core/ml/classifier-model';
import { decodeModel } from '#core/ml/model-format';
import { trainClassifier } from '#core/ml/train';
import {
  DAVIDSON_HATE_OFFENSIVE,
  evaluateHeldOut,
  isPresent,
  type PublicDataset,
  SMS_SPAM,
} from '#local/ml/public-data';
import { generateStarterCorpus } from '#local/ml/starter-corpus';
import { itemsPerSecond } from './measure.ts';
import type { BenchSection, Figures } from './section.ts';

const STARTER = fileURLToPath(new URL('../models/starter.model', import.meta.url));
const SCORE_SECONDS = 2;
const LOAD_RUNS = 20;
const TRAIN_EXAMPLES = 5_000;

function cpuMillis(run: () => unknown): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1_000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Held-out figures on a public set, beside the published ones docs/ml.md cites. */
async function publicFigures(dataset: PublicDataset, progress: (message: string) => void): Promise<Figures> {
  progress(`training on 80% of ${dataset.file}`);
  const { evaluation, trainExamples, trainCpuSeconds } = await evaluateHeldOut(dataset);
  return {
    weightedF1: round(evaluation.weightedF1, 4),
    macroF1: round(evaluation.macroF1, 4),
    ...(evaluation.mcc === undefined ? {} : { mcc: round(evaluation.mcc, 4) }),
    f1: Object.fromEntries(
      Object.entries(evaluation.labels).map(([label, metrics]) => [label, round(metrics.f1, 4)]),
    ),
    trainSecondsPer10k: round((trainCpuSeconds * 10_000) / trainExamples, 2),
  };
}

/**
 * The embedded classifier on one core: scoring an item with the starter model (normalising
 * included), loading the model file (decode, checksum and tables), training time per 10,000
 * examples of the starter corpus, and held-out quality on the public sets where they are present.
 */
export const classifier: BenchSection = {
  name: 'classifier',
  baselines: {
    scoreMicros: { value: 200, higherIsBetter: false, note: 'target: under 0.2 ms an item' },
    loadMs: { value: 200, higherIsBetter: false, note: 'target: under 200 ms' },
    modelKiB: { value: 2_048, higherIsBetter: false, note: 'target: under 2 MB' },
    'davidson.weightedF1': {
      value: 0.9,
      higherIsBetter: true,
      note: 'Davidson et al. 2017, logistic regression',
    },
    'smsSpam.mcc': { value: 0.893, higherIsBetter: true, note: 'Almeida et al. 2011, best classifier' },
  },
  async run(progress) {
    const bytes = await readFile(STARTER);
    const loadMs = median(
      Array.from({ length: LOAD_RUNS }, () => cpuMillis(() => createScorer(decodeModel(bytes)))),
    );

    const scorer = createScorer(decodeModel(bytes));
    const corpus = generateStarterCorpus(1);
    const texts = corpus.map((example) => example.text);
    progress(`scoring ${texts.length} starter corpus texts for ${SCORE_SECONDS} s`);
    const scoreMicros = 1_000_000 / itemsPerSecond(texts, (text) => scorer.scores(text), SCORE_SECONDS);

    progress(`training on ${TRAIN_EXAMPLES} starter corpus examples`);
    const examples = corpus.slice(0, TRAIN_EXAMPLES);
    const trainMs = cpuMillis(() => trainClassifier(examples, { seed: 1 }));

    const figures: Figures = {
      scoreMicros: round(scoreMicros, 1),
      loadMs: round(loadMs, 1),
      modelKiB: Math.round(bytes.length / 1024),
      charactersPerItem: Math.round(texts.reduce((total, text) => total + text.length, 0) / texts.length),
      trainSecondsPer10k: round((trainMs / 1_000) * (10_000 / examples.length), 2),
    };
    for (const [name, dataset] of [
      ['davidson', DAVIDSON_HATE_OFFENSIVE],
      ['smsSpam', SMS_SPAM],
    ] as const) {
      if (isPresent(dataset)) figures[name] = await publicFigures(dataset, progress);
      else progress(`skipping ${name}: ${dataset.file} not found`);
    }
    return figures;
  },
};
