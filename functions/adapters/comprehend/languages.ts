/** DetectToxicContent reads English only. */
export const TOXICITY_LANGUAGES: readonly string[] = ['en'];
/** DetectPiiEntities reads English and Spanish. */
export const PII_LANGUAGES: readonly string[] = ['en', 'es'];
/** The languages a custom classifier can be trained in. */
export const CUSTOM_CLASSIFICATION_LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'pt'] as const;
export type CustomClassificationLanguage = (typeof CUSTOM_CLASSIFICATION_LANGUAGES)[number];
/** DetectDominantLanguage wants at least 20 characters. */
export const MIN_DETECTION_CHARACTERS = 20;

/** The primary language subtag of a BCP 47 locale or an RFC 5646 code: `en-US` is `en`, `zh-TW` is `zh`. */
export function primaryLanguage(locale: string): string {
  return (locale.split('-')[0] ?? locale).toLowerCase();
}

/**
 * Whether most letters of `text` are Latin script; undefined when it has no letters. Every language the
 * Comprehend APIs Patrol uses can read is written in Latin script, so other text needs no detection call.
 */
export function isMostlyLatinScript(text: string): boolean | undefined {
  let letters = 0;
  let latin = 0;
  for (const character of text) {
    if (!/\p{L}/u.test(character)) continue;
    letters += 1;
    if (/\p{Script=Latin}/u.test(character)) latin += 1;
  }
  return letters === 0 ? undefined : latin * 2 > letters;
}
