import type { Detector, FieldText } from './detector.ts';
import { foldedAlternation, pushOriginalSpan } from './folded-terms.ts';

/** URL shorteners and link-in-bio pages that hide where a link leads. */
const SHORTENERS = (
  'bit.ly bitly.com t.co tinyurl.com lin.ee goo.gl ow.ly is.gd v.gd x.gd buff.ly rebrand.ly cutt.ly ' +
  'shorturl.at t.ly rb.gy tiny.cc amzn.to amzn.asia s.id bl.ink shorte.st adf.ly linktr.ee ux.nu onl.bz'
).split(' ');

// Runs on normalised text with the domains folded the same way (`bit.ly` reads `blt.ly`).
const SHORT_URL = new RegExp(`(?<![a-z0-9.-])(?:${foldedAlternation(SHORTENERS)})\\/[a-z0-9_\\-]{2,}`, 'g');

/** Links through URL shorteners (bit.ly, t.co, tinyurl, lin.ee and others), which hide their target. */
export const shortUrlDetector: Detector = {
  name: 'short-url',
  triggers: SHORTENERS.map((domain) => ({ text: domain, boundary: 'word' })),
  features: 0,
  find(field: FieldText, spans: number[] | undefined): boolean {
    const text = field.normalised.text;
    let found = false;
    SHORT_URL.lastIndex = 0;
    for (let match = SHORT_URL.exec(text); match !== null; match = SHORT_URL.exec(text)) {
      found = true;
      if (spans === undefined) break;
      pushOriginalSpan(field.normalised, match.index, match.index + match[0].length, spans);
    }
    return found;
  },
};
