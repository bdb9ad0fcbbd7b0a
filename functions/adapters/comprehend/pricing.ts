/** The Comprehend operations Patrol pays for. */
export type ComprehendApi =
  | 'DetectDominantLanguage'
  | 'DetectToxicContent'
  | 'DetectPiiEntities'
  | 'ClassifyDocument';

/** Where the prices below come from and when they were last checked against it. */
export const PRICES_SOURCE = 'https://aws.amazon.com/comprehend/pricing/';
export const PRICES_CHECKED_ON = '2026-11-25';

/** Comprehend bills text in units of 100 characters, at least 3 units per request. */
export const CHARACTERS_PER_UNIT = 100;
export const MIN_UNITS_PER_REQUEST = 3;

/**
 * US dollars per unit: first-tier list prices (up to 10 million units a month). A custom classification
 * endpoint is billed per inference unit and second ($0.0005), and one inference unit reads 100 characters a
 * second, so a unit of text sent to it is priced as one inference-unit-second of a fully used endpoint.
 */
export const USD_PER_UNIT: Readonly<Record<ComprehendApi, number>> = {
  DetectDominantLanguage: 0.0001,
  DetectToxicContent: 0.0001,
  DetectPiiEntities: 0.0001,
  ClassifyDocument: 0.0005,
};

/** Characters as Comprehend counts them for billing: Unicode code points. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The units one request of `characters` is billed for. */
export function requestUnits(characters: number): number {
  return Math.max(MIN_UNITS_PER_REQUEST, Math.ceil(characters / CHARACTERS_PER_UNIT));
}

/** The estimated cost in US dollars of `units` of one API. */
export function unitsCostUsd(api: ComprehendApi, units: number): number {
  return units * USD_PER_UNIT[api];
}
