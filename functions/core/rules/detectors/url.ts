import { hasAtSign } from '../text-features.ts';
import type { Detector, DetectorTrigger, FieldText } from './detector.ts';
import { foldedAlternation, pushOriginalSpan } from './folded-terms.ts';

/** Top-level domains a bare address such as `example.com` may end with. */
const TOP_LEVEL_DOMAINS = (
  'com net org info biz jp io co me ly gl gd to ee be us uk de fr cn ru kr tw hk tk ml ga cf gq xyz top ' +
  'app dev site online shop store link page club vip live fun icu work click tech blog asia tokyo cc tv ai nu at'
).split(' ');

/** `.com` and its siblings as triggers: a bare address cannot appear without one of them. */
export const TOP_LEVEL_DOMAIN_TRIGGERS: readonly DetectorTrigger[] = TOP_LEVEL_DOMAINS.map((domain) => ({
  text: `.${domain}`,
  boundary: 'word',
}));

// Runs on normalised text, so full-width and homoglyph spellings are already folded; the domain
// list is folded the same way.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOT = '[.\u3002]';
const URL_CHARACTERS = "[a-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";
const SCHEME_OR_WWW = `(?:h(?:tt|xx)ps?:\\/\\/|www${DOT})${URL_CHARACTERS}+`;
const BARE = `${LABEL}(?:${DOT}${LABEL}){0,4}${DOT}(?:${foldedAlternation(TOP_LEVEL_DOMAINS)})(?![a-z0-9])(?:[/?#]${URL_CHARACTERS}*)?`;
const URL = new RegExp(`(?<![a-z0-9.@-])(?:${SCHEME_OR_WWW}|${BARE})`, 'g');

/** Web addresses: with a scheme, starting with www, or a bare domain with a known ending; not e-mail domains. */
export const urlDetector: Detector = {
  name: 'url',
  triggers: [
    { text: 'http', boundary: 'left' },
    { text: 'hxxp', boundary: 'left' },
    { text: 'www.', boundary: 'left' },
    ...TOP_LEVEL_DOMAIN_TRIGGERS,
  ],
  features: 0,
  find(field: FieldText, spans: number[] | undefined): boolean {
    const text = field.normalised.text;
    let found = false;
    URL.lastIndex = 0;
    for (let match = URL.exec(text); match !== null; match = URL.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (isPartOfEmail(field, start, end)) continue;
      found = true;
      if (spans === undefined) break;
      pushOriginalSpan(field.normalised, start, end, spans);
    }
    return found;
  },
};

/** The normaliser folds `@` between letters, so the original decides whether a domain belongs to an address. */
function isPartOfEmail(field: FieldText, start: number, end: number): boolean {
  const { originStart, originEnd } = field.normalised;
  const originalStart = originStart[start] ?? 0;
  const originalEnd = originEnd[end - 1] ?? 0;
  const before = field.original.charAt(originalStart - 1);
  return hasAtSign(field.original.slice(originalStart, originalEnd)) || hasAtSign(before);
}
