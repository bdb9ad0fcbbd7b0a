import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readModelFile, writeModelFile } from '#adapters/embedded/model-file';
import { type TrainingProgress, trainClassifier } from '#core/ml/train';
import { describeError, parseInteger } from '../ml/cli-options.ts';
import { readLabelledExamples } from '../ml/labelled-examples-file.ts';

interface TrainCommandOptions {
  input: string;
  out: string;
  seed: number;
  from?: string;
  textCol: string;
  labelCol: string;
  epochs?: number;
  modelId?: string;
}

function showProgress(progress: TrainingProgress): void {
  const line =
    progress.stage === 'features'
      ? `features ${progress.done}/${progress.total}`
      : progress.stage === 'epoch'
        ? `epoch ${progress.epoch}/${progress.epochs}: mean loss ${progress.meanLoss.toFixed(4)}`
        : progress.stage === 'fold'
          ? `calibration fold ${progress.fold}/${progress.folds}`
          : `calibrating on ${progress.examples} held-out examples`;
  process.stderr.write(`${line}\n`);
}

/** `patrol train`: trains the embedded classifier on labelled examples and writes the model file. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train the embedded classifier on labelled examples (JSON Lines, CSV or TSV)')
    .requiredOption(
      '--input <file>',
      'labelled examples: .jsonl ({"text", "labels": [...]} a line), .csv or .tsv',
    )
    .requiredOption('--out <model>', 'where to write the model file')
    .option(
      '--seed <n>',
      'seed of the held-out split and the shuffles; same data and seed, same file',
      parseInteger,
      1,
    )
    .option('--from <model>', 'continue from this model: keep its labels and weights, add new labels')
    .option('--text-col <column>', 'CSV/TSV column holding the text', 'text')
    .option(
      '--label-col <column>',
      'CSV/TSV column holding the label (several separated by |, empty for none)',
      'label',
    )
    .option('--epochs <n>', 'passes over the examples (default 4)', parseInteger)
    .option(
      '--model-id <id>',
      "the model's name, reported with every score (default: the parent's, or patrol-embedded)",
    )
    .action(async (options: TrainCommandOptions) => {
      try {
        const examples = await readLabelledExamples(resolve(options.input), {
          textColumn: options.textCol,
          labelColumn: options.labelCol,
        });
        process.stderr.write(`read ${examples.length} examples from ${options.input}\n`);
        const from = options.from === undefined ? undefined : await readModelFile(resolve(options.from));
        const started = performance.now();
        const model = trainClassifier(examples, {
          seed: options.seed,
          ...(from ? { from } : {}),
          ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
          ...(options.modelId === undefined ? {} : { modelId: options.modelId }),
          onProgress: showProgress,
        });
        const seconds = (performance.now() - started) / 1000;
        const bytes = await writeModelFile(resolve(options.out), model);
        const { header } = model;
        process.stdout.write(
          `wrote ${options.out}: ${header.modelId} ${header.modelVersion}, ${(bytes / 1024).toFixed(0)} KiB, ` +
            `${header.labels.length} label${header.labels.length === 1 ? '' : 's'} (${header.labels.join(', ')}), trained in ${seconds.toFixed(1)} s\n`,
        );
      } catch (error) {
        process.stderr.write(`error: ${describeError(error)}\n`);
        process.exitCode = 1;
      }
    });
}
