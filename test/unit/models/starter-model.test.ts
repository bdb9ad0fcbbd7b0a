import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createScorer } from '#core/ml/classifier-model';
import { decodeModel } from '#core/ml/model-format';

const model = decodeModel(readFileSync(new URL('../../../models/starter.model', import.meta.url)));
const scorer = createScorer(model);
const catalogue = parse(readFileSync(new URL('../../../models/labels.yaml', import.meta.url), 'utf8')) as {
  labels: { label: string; description: string; guideline: string }[];
};

function score(text: string, label: string): number {
  const index = model.header.labels.indexOf(label);
  expect(index, `the starter model has no label ${label}`).toBeGreaterThanOrEqual(0);
  return scorer.scores(text)[index] as number;
}

/** Written for this test, not drawn from the generator's templates: content the model never saw. */
const CLEAR_VIOLATIONS: Record<string, string[]> = {
  'contact-exchange': [
    '続きはLINEで話そう、IDはnana_1203だよ',
    'Message me on WhatsApp instead: +1 917 555 0110',
  ],
  'off-platform-payment': [
    'アプリの手数料が高いので、PayPayで直接払ってもらえますか',
    'Skip checkout and send the money by Zelle, I will ship right away',
  ],
  counterfeit: [
    'エルメスのスーパーコピーのバッグ、本物と区別つきません',
    'AAA replica Rolex watch, looks exactly like the real one',
  ],
  'prohibited-item': [
    'デパスを20錠譲ります、処方箋なしでOK',
    'Selling leftover oxycodone, discreet shipping',
  ],
  'academic-fraud': [
    '卒業論文を代わりに書いてくれる人を探しています',
    'Need someone to write my dissertation for me, will pay well',
  ],
  harassment: [
    'お前みたいなクズは消えろ、住所特定したからな',
    "You're a worthless idiot and I know where you live",
  ],
  'sexual-solicitation': [
    'パパ活できる方募集、1回3万でお願いします',
    'Looking for a sugar daddy, $500 per meet',
  ],
  scam: [
    'スマホだけで月収100万円稼げる副業、詳細はこちら bit.ly/abc',
    'Guaranteed 30% returns every month with our crypto trading bot',
  ],
};

const CLEAN_LOOK_ALIKES = [
  'シャネルのバッグ、銀座の直営店で購入しました。レシートもあります',
  'ラインストーンがたくさん付いたスマホケースです',
  'Line cook needed for weekend shifts at our diner',
  '英文の校正をします。文法のチェックのみで、代筆はしません',
  'I proofread essays for grammar and clarity, I never write them for you',
  '価格は4,500円、郵便番号〒160-0022の店舗で受け取りもできます',
  'アプリ内の支払いでクレジットカードは使えますか？',
  'Can I pay through the app with my debit card?',
  '死ぬほど笑った漫画、全巻セットで出品します',
  'Authentic Gucci belt with the original receipt from the Omotesando store',
];

describe('the starter model', () => {
  it('scores a clear example of each category at 0.5 or more on its label, in Japanese and English', () => {
    for (const [label, texts] of Object.entries(CLEAR_VIOLATIONS)) {
      for (const text of texts) expect(score(text, label), `${label}: ${text}`).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('scores clean look-alikes (brands with receipts, ラインストーン, a line cook, proofreading) below 0.5 on every label', () => {
    for (const text of CLEAN_LOOK_ALIKES) {
      const scores = Array.from(scorer.scores(text));
      const highest = Math.max(...scores);
      expect(highest, `${text}: ${model.header.labels[scores.indexOf(highest)]}`).toBeLessThan(0.5);
    }
  });

  it('knows exactly the labels of the catalogue in models/labels.yaml, each described with its guideline', () => {
    expect(catalogue.labels.map((entry) => entry.label).sort()).toEqual([...model.header.labels].sort());
    for (const entry of catalogue.labels) {
      expect(entry.description.length, entry.label).toBeGreaterThan(20);
      expect(entry.guideline, entry.label).toMatch(/guidelines/);
    }
  });

  it('is small enough to ship inside a Lambda bundle', () => {
    expect(readFileSync(new URL('../../../models/starter.model', import.meta.url)).length).toBeLessThan(
      2 * 1024 * 1024,
    );
  });
});
