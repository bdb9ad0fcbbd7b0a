import { describe, expect, it } from 'vitest';
import { evaluate } from '#core/rules/evaluate';
import type { DetectorName } from '#schemas/rule';
import { aRule, ruleSetOf } from '#test/helpers/rule-packs';

const NOW = new Date('2026-03-01T12:00:00Z');

/** What a detector highlights in a message body, as the moderator would see it; empty when it does not fire. */
function detect(detector: DetectorName, body: string): string[] {
  const ruleSet = ruleSetOf(aRule({ detector }, { id: `detects.${detector}` }));
  const evaluation = evaluate(ruleSet, { kind: 'message', body }, NOW);
  return (evaluation.reasons[0]?.spans ?? []).map((span) => body.slice(span.start, span.end));
}

interface DetectorCases {
  detector: DetectorName;
  finds: readonly (readonly [text: string, highlighted: string])[];
  ignores: readonly string[];
}

const CASES: readonly DetectorCases[] = [
  {
    detector: 'phone',
    finds: [
      ['電話は090-1234-5678まで', '090-1234-5678'],
      ['〇九〇ー一二三四ー五六七八に連絡', '〇九〇ー一二三四ー五六七八'],
      ['ＴＥＬ：０３（１２３４）５６７８', '０３（１２３４）５６７８'],
      ['お急ぎなら〇九〇の一二三四の五六七八まで', '〇九〇の一二三四の五六七八'],
      ['フリーダイヤル 0120-123-456', '0120-123-456'],
      ['09012345678に電話ください', '09012345678'],
      ['call me on +81 90 1234 5678', '+81 90 1234 5678'],
      ['whatsapp +44 20 7946 0958 anytime', '+44 20 7946 0958'],
      ['text me at (555) 123-4567', '(555) 123-4567'],
    ],
    ignores: [
      '価格は12,800円です',
      '¥12800 送料込み',
      'only $129.99 today',
      '2024-05-01に発送しました',
      '2019年から2024年まで使用',
      '〒150-0001 東京都渋谷区',
      '注文番号: 0312345678',
      'order #1234567890 shipped',
      'ISBN 978-4-06-123456-7',
      'JAN 4901234567890',
      'size 27.5cm, model XJ-2000',
    ],
  },
  {
    detector: 'email',
    finds: [
      ['mail me: john.doe@gmail.com', 'john.doe@gmail.com'],
      ['連絡はｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐまで', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ'],
      ['write to john dot doe at gmail dot com', 'john dot doe at gmail dot com'],
      ['taro(at)example.co.jp へ', 'taro(at)example.co.jp'],
      ['メールはhanako アットマーク yahoo.co.jp', 'hanako アットマーク yahoo.co.jp'],
    ],
    ignores: [
      '@tanaka thanks for the quick reply',
      'meet me at the station.',
      'version 2.0 is out',
      '価格@1000円',
    ],
  },
  {
    detector: 'url',
    finds: [
      ['see https://example.com/item?id=3 for more', 'https://example.com/item?id=3'],
      ['詳細はwww.example.jpへ', 'www.example.jp'],
      ['order on example.com today', 'example.com'],
      [
        'ｈｔｔｐｓ：／／ｓｈｏｐ．ｅｘａｍｐｌｅ．ｎｅｔ',
        'ｈｔｔｐｓ：／／ｓｈｏｐ．ｅｘａｍｐｌｅ．ｎｅｔ',
      ],
    ],
    ignores: [
      'e.g. a wool sweater',
      'version 2.0.1 released',
      'mail john@example.com',
      'Mr. Tanaka said so',
      'photo.jpg attached',
    ],
  },
  {
    detector: 'short-url',
    finds: [
      ['click https://bit.ly/3xYz9 now', 'bit.ly/3xYz9'],
      ['t.co/abc123', 't.co/abc123'],
      ['友だち追加はlin.ee/AbCdEf', 'lin.ee/AbCdEf'],
      ['see tinyurl.com/y6k2abcd', 'tinyurl.com/y6k2abcd'],
    ],
    ignores: ['https://example.com/bit', 'bit.ly is a shortener', 'a habit.lyrics file'],
  },
  {
    detector: 'messenger-id',
    finds: [
      ['LINE ID: abc_123 で連絡して', 'LINE ID: abc_123'],
      ['ラインIDはtaro123です', 'ラインIDはtaro123'],
      ['LINEのID教えて', 'LINEのID'],
      ['インスタ @hana.style フォローしてね', 'インスタ @hana.style'],
      ['follow @hana_88 on insta', '@hana_88 on insta'],
      ['telegram: @cryptoking', 'telegram: @cryptoking'],
      ['WeChat ID wx_12345', 'WeChat ID wx_12345'],
      ['カカオトークID: kakao777', 'カカオトークID: kakao777'],
      ['ID:abc123 まで', 'ID:abc123'],
      ['add me line.me/ti/p/abcd', 'line.me/ti/p/abcd'],
    ],
    ignores: [
      'オンラインで購入しました',
      'ガイドラインを読んでください',
      'product line: premium',
      'ラインストーン付きのケース',
      'the deadline is friday',
      'the idea is good',
      'LINEスタンプの作り方を教えます',
    ],
  },
  {
    detector: 'off-platform-payment',
    finds: [
      ['銀行振込でお願いします', '振込'],
      ['PayPayで払います', 'PayPay'],
      ['I take Venmo or Zelle', 'Venmo'],
      ['cash app me $20', 'cash app'],
      ['現金手渡しのみです', '現金手渡し'],
      ['pay with PayPal please', 'PayPal'],
    ],
    ignores: ['payment goes through the app', '送料込みです', 'cashmere sweater', 'a paypalace of sorts'],
  },
];

describe('detectors', () => {
  for (const { detector, finds, ignores } of CASES) {
    describe(detector, () => {
      it.each(finds)('highlights the %s match when it is there', (text, highlighted) => {
        expect(detect(detector, text)).toContain(highlighted);
      });

      it.each(ignores)('stays silent on %s', (text) => {
        expect(detect(detector, text)).toEqual([]);
      });
    });
  }
});
