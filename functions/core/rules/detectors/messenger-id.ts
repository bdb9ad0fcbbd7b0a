import { normalise } from '#core/normalise/normalise';
import type { Detector, DetectorTrigger, FieldText } from './detector.ts';
import { foldedAlternation, pushOriginalSpan } from './folded-terms.ts';

const LATIN_NAMES = (
  'line,whatsapp,whats app,telegram,instagram,insta,ig,wechat,weixin,kakaotalk,kakao talk,kakao,' +
  'discord,snapchat,skype,viber'
).split(',');
const JAPANESE_NAMES = (
  'ライン,らいん,ワッツアップ,テレグラム,インスタグラム,インスタ,ウィーチャット,微信,カカオトーク,カカオ,' +
  'ディスコード,スナチャ,スカイプ'
).split(',');
/** Names that are also everyday words ("a product line", "オンライン"), which need stronger evidence. */
const AMBIGUOUS_NAMES = new Set(['line', 'ig', 'ライン', 'らいん'].map((name) => normalise(name).text));
const ID_WORDS = 'id,アイディー,アイディ,ユーザーid,ユーザー名,username,user name,handle'.split(',');
const LINK_HOSTS = 'line.me,wa.me,t.me,instagram.com,telegram.me,kakao.com'.split(',');

// Everything below runs on normalised text, so names and words are folded the same way.
const NAME = `(?:(?<![a-z0-9])(?:${foldedAlternation(LATIN_NAMES)})|(?<![\u3041-\u3096\u30fc])(?:${foldedAlternation(JAPANESE_NAMES)}))`;
const ID_WORD = `(?:${foldedAlternation(ID_WORDS)})`;
const GAP = '[\\s:\uff1a=\u2192>\\-\u306e\u3067\u306f]{0,3}';
const CONNECTOR = '\\s*[:\uff1a=\u2192>\u306f]\\s*';
const HANDLE = '(@?[a-z0-9][a-z0-9._\\-]{2,29})(?![a-z0-9._\\-])';
const AT_HANDLE = '(@[a-z0-9][a-z0-9._\\-]{2,29})(?![a-z0-9._\\-])';

const MATCHERS: readonly { pattern: RegExp; needsHandleEvidence: boolean }[] = [
  // LINE ID: abc123 / インスタのIDはabc / line id 教えて
  { pattern: new RegExp(`(${NAME})${GAP}${ID_WORD}(?:${GAP}${HANDLE})?`, 'g'), needsHandleEvidence: false },
  // WhatsApp: +81..., telegram → abc_123
  { pattern: new RegExp(`(${NAME})${CONNECTOR}${HANDLE}`, 'g'), needsHandleEvidence: true },
  // insta @abc
  { pattern: new RegExp(`(${NAME})\\s*${AT_HANDLE}`, 'g'), needsHandleEvidence: false },
  // @abc on insta / @abc（インスタ）
  {
    pattern: new RegExp(`${AT_HANDLE}\\s*[(\uff08]?\\s*(?:on\\s+|\u306e\\s*)?(${NAME})`, 'g'),
    needsHandleEvidence: false,
  },
  // ID:abc123 on its own
  {
    pattern: new RegExp(`(?<![a-z0-9])()${ID_WORD}\\s*[:\uff1a=]\\s*${HANDLE}`, 'g'),
    needsHandleEvidence: true,
  },
  // line.me/ti/p/..., wa.me/81..., t.me/...
  {
    pattern: new RegExp(`(?<![a-z0-9.-])()(?:${foldedAlternation(LINK_HOSTS)})\\/[a-z0-9_~\\-/]{2,}`, 'g'),
    needsHandleEvidence: false,
  },
];

/**
 * Messenger handles given with their app (LINE/ライン, WhatsApp, Telegram, Instagram, WeChat, Kakao
 * and others), `@handle` next to an app's name, ID phrases such as `ID:xxx`, and app invite links.
 */
export const messengerIdDetector: Detector = {
  name: 'messenger-id',
  triggers: [
    ...LATIN_NAMES.map((text): DetectorTrigger => ({ text, boundary: 'left' })),
    ...JAPANESE_NAMES.map((text): DetectorTrigger => ({ text, boundary: 'none' })),
    ...ID_WORDS.map((text): DetectorTrigger => ({ text, boundary: 'word' })),
    ...LINK_HOSTS.map((text): DetectorTrigger => ({ text, boundary: 'left' })),
  ],
  features: 0,
  find(field: FieldText, spans: number[] | undefined): boolean {
    const text = field.normalised.text;
    let found = false;
    for (const { pattern, needsHandleEvidence } of MATCHERS) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        if (needsHandleEvidence && !isConvincingHandle(match[1] ?? '', match[2] ?? '')) continue;
        found = true;
        if (spans === undefined) return true;
        pushOriginalSpan(field.normalised, match.index, match.index + match[0].length, spans);
      }
    }
    return found;
  },
};

/**
 * A bare word after `line:` or `ID:` is often ordinary prose; a handle convinces when it carries an
 * `@`, a digit or punctuation, or follows an app name that is not also an everyday word.
 */
function isConvincingHandle(name: string, handle: string): boolean {
  if (handle.length < 4) return false;
  if (/[@0-9._-]/.test(handle)) return true;
  return name !== '' && !AMBIGUOUS_NAMES.has(name);
}
