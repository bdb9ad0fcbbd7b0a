import type {
  ClassifyDocumentResponse,
  DetectPiiEntitiesResponse,
  DetectToxicContentResponse,
  ToxicContentType,
} from '@aws-sdk/client-comprehend';

/** Scores by Patrol label name, from 0 to 1. */
export type Scores = Record<string, number>;

/** The overall toxicity of a segment. */
export const TOXIC_LABEL = 'toxic';

/** Comprehend's toxic content types as Patrol names them; rules and the console use the right-hand names. */
export const TOXIC_CONTENT_LABELS: Readonly<Record<ToxicContentType, string>> = {
  PROFANITY: 'profanity',
  HATE_SPEECH: 'hate_speech',
  INSULT: 'insult',
  GRAPHIC: 'graphic',
  HARASSMENT_OR_ABUSE: 'harassment',
  SEXUAL: 'sexual',
  VIOLENCE_OR_THREAT: 'violence_threat',
};

/** A PII entity type as a label: `EMAIL` is `pii.email`, `CREDIT_DEBIT_NUMBER` is `pii.credit_debit_number`. */
export function piiLabel(type: string): string {
  return `pii.${type.toLowerCase()}`;
}

/** A custom classifier's class or label as a Patrol label: `Scam` is `custom.scam`. */
export function customLabel(name: string): string {
  return `custom.${name.toLowerCase()}`;
}

/** A toxic content type as a label; a type Comprehend adds later keeps its own name rather than being lost. */
function toxicContentLabel(name: string): string {
  return TOXIC_CONTENT_LABELS[name as ToxicContentType] ?? name.toLowerCase();
}

/** The scores of one DetectToxicContent response: each segment's toxicity and labels, the highest kept. */
export function toxicityScores(response: DetectToxicContentResponse): Scores {
  const scores: Scores = {};
  for (const result of response.ResultList ?? []) {
    raise(scores, TOXIC_LABEL, result.Toxicity);
    for (const label of result.Labels ?? []) {
      if (label.Name !== undefined) raise(scores, toxicContentLabel(label.Name), label.Score);
    }
  }
  return scores;
}

/** The scores of one DetectPiiEntities response: per entity type, the most confident entity. */
export function piiScores(response: DetectPiiEntitiesResponse): Scores {
  const scores: Scores = {};
  for (const entity of response.Entities ?? []) {
    if (entity.Type !== undefined) raise(scores, piiLabel(entity.Type), entity.Score);
  }
  return scores;
}

/** The scores of one ClassifyDocument response, from a multi-class (Classes) or multi-label (Labels) model. */
export function customScores(response: ClassifyDocumentResponse): Scores {
  const scores: Scores = {};
  for (const match of [...(response.Classes ?? []), ...(response.Labels ?? [])]) {
    if (match.Name !== undefined) raise(scores, customLabel(match.Name), match.Score);
  }
  return scores;
}

/** Merges scores into `into`, keeping the highest score of each label. */
export function mergeScores(into: Scores, scores: Readonly<Scores>): Scores {
  for (const [label, score] of Object.entries(scores)) raise(into, label, score);
  return into;
}

function raise(scores: Scores, label: string, score: number | undefined): void {
  if (score === undefined || Number.isNaN(score)) return;
  scores[label] = Math.max(scores[label] ?? 0, score);
}
