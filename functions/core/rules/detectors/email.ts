import { TextFeature } from '../text-features.ts';
import type { Detector, FieldText } from './detector.ts';
import { TOP_LEVEL_DOMAIN_TRIGGERS } from './url.ts';

// Runs on the original text: the normaliser folds `@` between letters into `a`, which would hide
// every ordinary address. Full-width letters, digits and punctuation are accepted as written.
const ALNUM = 'a-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a';
const OPEN = '[(\\[{\uff08\uff3b\uff5b]';
const CLOSE = '[)\\]}\uff09\uff3d\uff5d]';
const DOT_WORD = '(?:dot|\u30c9\u30c3\u30c8|\u3069\u3063\u3068)';
const AT_WORD = '(?:at|\u30a2\u30c3\u30c8|\u3042\u3063\u3068)';
const PROVIDERS =
  '(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|icloud|me|aol|proton|protonmail|docomo|ezweb|au|softbank|i\\.softbank|mail)';
const DOT = `(?:\\s*[.\uff0e]\\s*|\\s*${OPEN}\\s*${DOT_WORD}\\s*${CLOSE}\\s*|\\s+${DOT_WORD}\\s+|\u30c9\u30c3\u30c8|\u3069\u3063\u3068)`;
const AT = `(?:\\s*[@\uff20]\\s*|\\s*${OPEN}\\s*${AT_WORD}\\s*${CLOSE}\\s*|\\s*(?:\u30a2\u30c3\u30c8\u30de\u30fc\u30af|\u3042\u3063\u3068\u307e\u30fc\u304f)\\s*|\\s+at\\s+(?=${PROVIDERS}\\b))`;
const LOCAL_WORD = `[${ALNUM}][${ALNUM}_%+\\-]{0,63}`;
const LABEL = `[${ALNUM}](?:[${ALNUM}\\-]{0,61}[${ALNUM}])?`;
const TLD = `(?:[a-z]{2,24}|[\uff41-\uff5a\uff21-\uff3a]{2,24})`;
const EMAIL = new RegExp(
  `(?<![${ALNUM}._%+\\-])${LOCAL_WORD}(?:${DOT}${LOCAL_WORD}){0,4}${AT}${LABEL}(?:${DOT}${LABEL}){0,4}${DOT}${TLD}(?![${ALNUM}])`,
  'giu',
);

/** E-mail addresses, including full-width ones and `john dot doe at gmail dot com` or `(at)` spellings. */
export const emailDetector: Detector = {
  name: 'email',
  triggers: [
    { text: '(at)', boundary: 'none' },
    { text: '[at]', boundary: 'none' },
    { text: 'dot', boundary: 'word' },
    { text: 'アット', boundary: 'none' },
    { text: 'ドット', boundary: 'none' },
    ...TOP_LEVEL_DOMAIN_TRIGGERS,
  ],
  features: TextFeature.at,
  find(field: FieldText, spans: number[] | undefined): boolean {
    const text = field.original;
    let found = false;
    EMAIL.lastIndex = 0;
    for (let match = EMAIL.exec(text); match !== null; match = EMAIL.exec(text)) {
      found = true;
      if (spans === undefined) break;
      spans.push(match.index, match.index + match[0].length);
    }
    return found;
  },
};
