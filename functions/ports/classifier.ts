/** What a classifier is asked to score: the item's text fields and what is known of its language. */
export interface ClassifierInput {
  tenant: string;
  /** Text segments in reading order (title, then body, then tags). */
  segments: readonly string[];
  locale?: string;
}

/**
 * Why a classifier scored nothing: the content's language is one it cannot score, or its language
 * could not be told (no locale and too little text). The pipeline then relies on the other checks.
 */
export type ClassifierSkipReason = 'unsupported_language' | 'language_unknown';

/** Labelled scores from 0 to 1, the model that produced them and what the call cost. */
export interface ClassifierResult {
  modelId: string;
  modelVersion: string;
  scores: Readonly<Record<string, number>>;
  /** Estimated cost of the call in US dollars; 0 for the embedded model. */
  costUsd: number;
  /** The language the classifier detected or assumed, when it knows. */
  language?: string;
  /** Set when the classifier did not score the content; `scores` is then empty. */
  skipped?: ClassifierSkipReason;
}

/** Scores content with an ML model; implementations decide which labels they know. */
export interface Classifier {
  classify(input: ClassifierInput): Promise<ClassifierResult>;
}
