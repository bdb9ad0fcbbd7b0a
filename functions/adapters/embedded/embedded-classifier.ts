import { type ClassifierModel, createScorer, type ModelScorer } from '#core/ml/classifier-model';
import { guessLanguage } from '#core/ml/guess-language';
import type { Classifier, ClassifierInput, ClassifierResult } from '#ports/classifier';
import { readModelFile } from './model-file.ts';

/** The `Classifier` port over a model loaded in memory: any language, no network, no cost per call. */
export class EmbeddedClassifier implements Classifier {
  private readonly scorer: ModelScorer;

  constructor(private readonly model: ClassifierModel) {
    this.scorer = createScorer(model);
  }

  /** Loads the model at `file`; throws `ModelFileError` when it is missing or damaged. */
  static async fromFile(file: string): Promise<EmbeddedClassifier> {
    return new EmbeddedClassifier(await readModelFile(file));
  }

  /**
   * A classifier that loads the model at `file` on its first call, so a Lambda's cold start does not wait
   * for it; a missing or damaged file fails every call (and so sends items to review), never scores.
   */
  static loadingOnFirstUse(file: string): Classifier {
    let loading: Promise<EmbeddedClassifier> | undefined;
    return {
      classify: async (input) => {
        loading ??= EmbeddedClassifier.fromFile(file);
        return (await loading).classify(input);
      },
    };
  }

  async classify(input: ClassifierInput): Promise<ClassifierResult> {
    const text = input.segments.join('\n');
    const scores = this.scorer.scores(text);
    const { header } = this.model;
    const language = guessLanguage(text, input.locale);
    return {
      modelId: header.modelId,
      modelVersion: header.modelVersion,
      scores: Object.fromEntries(header.labels.map((label, index) => [label, scores[index] as number])),
      costUsd: 0,
      ...(language === undefined ? {} : { language }),
    };
  }
}
