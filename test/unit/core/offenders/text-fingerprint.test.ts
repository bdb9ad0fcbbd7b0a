import { describe, expect, it } from 'vitest';
import { bandKeys, fingerprintText, minHash, signatureSimilarity } from '#core/offenders/text-fingerprint';

const SCAM_EN =
  'Brand new PlayStation 5 bundle, sealed box, only 150 dollars because I am moving abroad next week. ' +
  'Payment first, I ship the same day. Many buyers already, first come first served.';
const SCAM_JA =
  '新品未開封のプレイステーション5を特別価格でお譲りします。海外転勤のため急いでいます。' +
  '先にお支払いいただければ当日発送します。早い者勝ちです。';
const HONEST = 'Vintage Canon AE-1 film camera with 50mm lens, fully working, light meter tested last month.';

function signatureOf(text: string): string {
  return minHash(fingerprintText({ body: text }));
}

function sharedBands(left: string, right: string): number {
  return bandKeys(left).filter((band) => bandKeys(right).includes(band)).length;
}

describe('minHash', () => {
  it('gives the same signature when a copy only differs in spacing, case, punctuation and script width', () => {
    const copy = SCAM_EN.toUpperCase().replaceAll(',', ' ,').replaceAll('. ', '!!  ');
    const wide = SCAM_JA.replace('5', '５').replaceAll('。', '！ ');

    expect(signatureOf(copy)).toBe(signatureOf(SCAM_EN));
    expect(signatureOf(wide)).toBe(signatureOf(SCAM_JA));
  });

  it('keeps a copy with one word changed similar and in a shared band, in English and Japanese', () => {
    const pairs = [
      [SCAM_EN, SCAM_EN.replace('150 dollars', '140 dollars')],
      [SCAM_JA, SCAM_JA.replace('当日発送', '翌日発送')],
    ] as const;

    for (const [original, edited] of pairs) {
      const [left, right] = [signatureOf(original), signatureOf(edited)];
      expect(signatureSimilarity(left, right)).toBeGreaterThanOrEqual(0.5);
      expect(sharedBands(left, right)).toBeGreaterThanOrEqual(1);
    }
  });

  it('puts unrelated texts in no shared band', () => {
    for (const [left, right] of [
      [HONEST, SCAM_EN],
      [SCAM_JA, SCAM_EN],
    ] as const) {
      expect(signatureSimilarity(signatureOf(left), signatureOf(right))).toBeLessThan(0.2);
      expect(sharedBands(signatureOf(left), signatureOf(right))).toBe(0);
    }
  });
});
