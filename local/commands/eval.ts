import { resolve } from 'node:path';
import type { Command } from 'commander';
import { readModelFile } from '#adapters/embedded/model-file';
import { evaluateModel } from '#core/ml/evaluation';
import { describeError, parseScore } from '../ml/cli-options.ts';
import { evaluationJson, formatEvaluation } from '../ml/format-evaluation.ts';
import { readLabelledExamples } from '../ml/labelled-examples-file.ts';

interface EvalCommandOptions {
  input: string;
  model: string;
  json?: boolean;
  textCol: string;
  labelCol: string;
  threshold: number;
}

/** `patrol eval`: scores labelled examples with a model and reports precision, recall, F1 and ROC-AUC. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate a classifier model on labelled examples it was not trained on')
    .requiredOption('--input <file>', 'labelled examples: .jsonl, .csv or .tsv, as for patrol train')
    .requiredOption('--model <model>', 'the model file to evaluate')
    .option('--json', 'print one JSON object instead of tables')
    .option('--text-col <column>', 'CSV/TSV column holding the text', 'text')
    .option(
      '--label-col <column>',
      'CSV/TSV column holding the label (several separated by |, empty for none)',
      'label',
    )
    .option(
      '--threshold <score>',
      'score at which a label counts as predicted, for multi-label models',
      parseScore,
      0.5,
    )
    .action(async (options: EvalCommandOptions) => {
      try {
        const model = await readModelFile(resolve(options.model));
        const examples = await readLabelledExamples(resolve(options.input), {
          textColumn: options.textCol,
          labelColumn: options.labelCol,
        });
        const evaluation = evaluateModel(model, examples, options.threshold);
        process.stdout.write(
          options.json
            ? `${JSON.stringify(evaluationJson(evaluation, model.header))}\n`
            : `${formatEvaluation(evaluation, model.header)}\n`,
        );
      } catch (error) {
        process.stderr.write(`error: ${describeError(error)}\n`);
        process.exitCode = 1;
      }
    });
}
