/** What a classifier is asked to score: the item's text fields and what is known of its language. */
export interface ClassifierInput {
  tenant: string;
  /** Text segments in reading order (title, then body, then tags). */
  segments: readonly string[];
  locale?: string;
}

/** Labelled scores from 0 to 1, the model that produced them and what the call cost. */
export interface ClassifierResult {
  modelId: string;
  modelVersion: string;
  scores: Readonly<Record<string, number>>;
  /** Estimated cost of the call in US dollars; 0 for the embedded model. */
  costUsd: number;
  /** The language the classifier detected or assumed, when it knows. */
  language?: string;
}

/** Scores content with an ML model; implementations decide which labels they know. */
export interface Classifier {
  classify(input: ClassifierInput): Promise<ClassifierResult>;
}
