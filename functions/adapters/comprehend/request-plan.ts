import type {
  ClassifyDocumentRequest,
  DetectPiiEntitiesRequest,
  DetectToxicContentRequest,
} from '@aws-sdk/client-comprehend';
import { MIN_DETECTION_CHARACTERS, PII_LANGUAGES, TOXICITY_LANGUAGES } from './languages.ts';
import { characterCount, requestUnits } from './pricing.ts';
import { inBatches, splitUtf8 } from './text-pieces.ts';

/** DetectToxicContent takes at most 10 segments of 1 KB; 1,000 bytes fits whether a KB is 1,000 or 1,024. */
export const TOXICITY_SEGMENT_BYTES = 1_000;
export const TOXICITY_SEGMENTS_PER_REQUEST = 10;
/** DetectPiiEntities takes at most 100 KB of text. */
export const PII_REQUEST_BYTES = 100_000;
/** ClassifyDocument takes at most 10 KB (and 10,000 characters) of plain text. */
export const CLASSIFY_REQUEST_BYTES = 10_000;
/** Language detection reads the start of the text: a kilobyte tells the language as well as the whole. */
export const DETECTION_SAMPLE_BYTES = 1_000;

/** One Comprehend request an item needs, with the units it is billed for. */
export type PlannedRequest =
  | { api: 'DetectToxicContent'; units: number; input: DetectToxicContentRequest }
  | { api: 'DetectPiiEntities'; units: number; input: DetectPiiEntitiesRequest }
  | { api: 'ClassifyDocument'; units: number; input: ClassifyDocumentRequest };

/** Which analyses are switched on. */
export interface AnalysisSettings {
  detectPii: boolean;
  customClassifier?: { endpointArn: string; languages: readonly string[] };
}

/** Whether any switched-on analysis reads `language`. */
export function analysesLanguage(language: string, settings: AnalysisSettings): boolean {
  return (
    TOXICITY_LANGUAGES.includes(language) ||
    (settings.detectPii && PII_LANGUAGES.includes(language)) ||
    (settings.customClassifier?.languages.includes(language) ?? false)
  );
}

/**
 * The requests that score `texts` (title, body, tags, in order) in `language`: toxicity for English in
 * batches of 10 segments of at most 1 KB, PII for English and Spanish when switched on, and the custom
 * classifier for its languages, each long text split to its API's size limit.
 */
export function planRequests(
  language: string,
  texts: readonly string[],
  settings: AnalysisSettings,
): PlannedRequest[] {
  const requests: PlannedRequest[] = [];
  if (TOXICITY_LANGUAGES.includes(language)) {
    const segments = texts.flatMap((text) => splitUtf8(text, TOXICITY_SEGMENT_BYTES));
    for (const batch of inBatches(segments, TOXICITY_SEGMENTS_PER_REQUEST)) {
      requests.push({
        api: 'DetectToxicContent',
        units: unitsOf(batch),
        input: { LanguageCode: 'en', TextSegments: batch.map((Text) => ({ Text })) },
      });
    }
  }
  const document = texts.join('\n');
  if (settings.detectPii && PII_LANGUAGES.includes(language)) {
    for (const Text of splitUtf8(document, PII_REQUEST_BYTES)) {
      requests.push({
        api: 'DetectPiiEntities',
        units: unitsOf([Text]),
        input: { Text, LanguageCode: language as DetectPiiEntitiesRequest['LanguageCode'] },
      });
    }
  }
  const classifier = settings.customClassifier;
  if (classifier?.languages.includes(language)) {
    for (const Text of splitUtf8(document, CLASSIFY_REQUEST_BYTES)) {
      requests.push({
        api: 'ClassifyDocument',
        units: unitsOf([Text]),
        input: { Text, EndpointArn: classifier.endpointArn },
      });
    }
  }
  return requests;
}

/** The start of the text that language detection reads, or undefined when it is too short to tell. */
export function detectionSample(texts: readonly string[]): string | undefined {
  const sample = splitUtf8(texts.join('\n'), DETECTION_SAMPLE_BYTES)[0]?.trim();
  return sample === undefined || characterCount(sample) < MIN_DETECTION_CHARACTERS ? undefined : sample;
}

/** The units a request carrying `texts` is billed for. */
export function unitsOf(texts: readonly string[]): number {
  return requestUnits(texts.reduce((total, text) => total + characterCount(text), 0));
}
