import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClassifierModel } from '#core/ml/classifier-model';
import { type Evaluation, evaluateModel } from '#core/ml/evaluation';
import { stratifiedSplit } from '#core/ml/split';
import { trainClassifier } from '#core/ml/train';
import { type ExampleColumns, readLabelledExamples } from './labelled-examples-file.ts';

/** Public labelled data kept beside the repository, never copied into it (see its README.md). */
export const PUBLIC_DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** A public labelled set, its columns and whom to cite where results on it are reported. */
export interface PublicDataset {
  readonly file: string;
  readonly columns: ExampleColumns;
  readonly citation: string;
}

export const DAVIDSON_HATE_OFFENSIVE: PublicDataset = {
  file: `${PUBLIC_DATA_DIR}en_davidson_hate_offensive.train.csv`,
  columns: { textColumn: 'tweet', labelColumn: 'class' },
  citation: 'Davidson, Warmsley, Macy and Weber, ICWSM 2017',
};

export const SMS_SPAM: PublicDataset = {
  file: `${PUBLIC_DATA_DIR}en_sms_spam.train.tsv`,
  columns: { textColumn: 'text', labelColumn: 'label' },
  citation: 'Almeida, Gómez Hidalgo and Yamakami, DocEng 2011',
};

/** The protocol docs/ml.md reports: a seeded, stratified 80/20 split, then training with its own seed. */
export const HELD_OUT_PROTOCOL = { testShare: 0.2, splitSeed: 42, trainSeed: 7 } as const;

/** Whether the set's file is present on this machine. */
export function isPresent(dataset: PublicDataset): boolean {
  return existsSync(dataset.file);
}

/** What training on 80% of a set and evaluating on the rest gave, and how long training took. */
export interface HeldOutResult {
  model: ClassifierModel;
  evaluation: Evaluation;
  trainExamples: number;
  /** CPU seconds of the training call, so a busy neighbour on the machine does not count. */
  trainCpuSeconds: number;
}

/** Trains on a seeded 80% of the set and evaluates on the other 20%. */
export async function evaluateHeldOut(dataset: PublicDataset): Promise<HeldOutResult> {
  const examples = await readLabelledExamples(dataset.file, dataset.columns);
  const { train, test } = stratifiedSplit(examples, HELD_OUT_PROTOCOL.testShare, HELD_OUT_PROTOCOL.splitSeed);
  const started = process.cpuUsage();
  const model = trainClassifier(train, { seed: HELD_OUT_PROTOCOL.trainSeed });
  const used = process.cpuUsage(started);
  return {
    model,
    evaluation: evaluateModel(model, test),
    trainExamples: train.length,
    trainCpuSeconds: (used.user + used.system) / 1_000_000,
  };
}
