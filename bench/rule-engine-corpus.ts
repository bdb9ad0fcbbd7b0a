import type { EvaluableItem } from '#core/rules/evaluate';
import type { RulePack } from '#schemas/rule';
import type { ContentKind } from '#schemas/submission';

/** A small deterministic random source (mulberry32), so every run measures the same corpus. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const JA_TITLES = [
  '【美品】ニンテンドースイッチ 有機ELモデル',
  'ワンピース ネイビー Mサイズ 新品未使用',
  'ロゴデザインをお願いできる方を募集',
  '週末に一緒にカフェ巡りしませんか',
  'iPhone 13 128GB SIMフリー 箱あり',
  '子ども用自転車 16インチ 引き取り歓迎',
];
const JA_SENTENCES = [
  '半年ほど使用しましたが、目立つ傷や汚れはありません。',
  '箱と付属品はすべて揃っています。即購入OKです。',
  '送料込みの価格です。週末にまとめて発送いたします。',
  'ペットや喫煙者のいない家庭で保管していました。',
  '気になる点があればコメントでお気軽にご質問ください。',
  'サイズは着丈95cm、身幅45cmです。素人採寸のため多少の誤差はご容赦ください。',
  '納期は二週間ほどを想定しています。修正は三回まで対応可能です。',
  '都内であれば手渡しも可能ですが、基本は発送でお願いします。',
  '値下げ交渉は常識の範囲内でお願いいたします。',
  '写真の色味はお使いの端末によって実物と異なる場合があります。',
  'プロフィールをご一読のうえ、ご購入ください。',
  '趣味は映画鑑賞と料理です。仲良くしてください。',
];
const EN_TITLES = [
  'Vintage Canon AE-1 film camera with 50mm lens',
  'Road bike, 54cm frame, new tyres',
  'Looking for a logo designer for a small cafe',
  'Coffee lover, hiking on weekends',
  'IKEA desk, white, pickup only',
  'Kids bike 16 inch, barely used',
];
const EN_SENTENCES = [
  'Fully working, light meter tested last month.',
  'Minor wear on the top plate, otherwise in great shape.',
  'Ships within two days of payment, tracked and insured.',
  'Comes from a smoke-free and pet-free home.',
  'Feel free to ask any questions in the comments below.',
  'Measurements are approximate, please allow a small margin.',
  'The deadline is flexible, but two weeks would be ideal.',
  'Pickup in Shibuya is possible, otherwise I can ship it.',
  'Reasonable offers considered, no trades please.',
  'Colours may look slightly different depending on your screen.',
  'Please read my profile before buying.',
  'I love cooking, old films and long walks with my dog.',
];
const JA_TAGS = ['ゲーム', '家電', 'レディース', 'デザイン', 'ハンドメイド', 'アウトドア', 'キッズ'];
const EN_TAGS = ['camera', 'vintage', 'bikes', 'design', 'furniture', 'outdoors', 'kids'];

/** Sentences that the default packs act on, mixed into a few items as real traffic does. */
const JA_HITS = [
  '詳しくはLINE IDはabc_123まで連絡ください。',
  'お急ぎの方は090-1234-5678までお電話ください。',
  '支払いは銀行振込かPayPayでお願いします。',
  'スーパーコピーですが見た目は本物そっくりです。',
  '手数料がもったいないので直接取引しませんか。',
];
const EN_HITS = [
  'Text me at (555) 123-4567 for a faster reply.',
  'Add me on WhatsApp: +44 20 7946 0958.',
  'I only take Venmo or Zelle, no app payments.',
  'Email me at seller.sam@gmail.com for more photos.',
  'Check the details at https://bit.ly/3xYz9 before buying.',
];

const KINDS: readonly ContentKind[] = ['listing', 'message', 'profile', 'comment', 'job', 'review'];
const BODY_CHARACTERS = 250;

/**
 * A corpus of items of about 300 characters (title, body, tags), Japanese and English mixed, some
 * hitting the default packs and some holding one of `plantedKeywords`; a fifth carry no locale.
 */
export function generateCorpus(count: number, plantedKeywords: readonly string[], seed = 7): EvaluableItem[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (): EvaluableItem => {
    const japanese = random() < 0.55;
    const sentences: string[] = [];
    if (random() < 0.08) sentences.push(pick(japanese ? JA_HITS : EN_HITS));
    if (random() < 0.02)
      sentences.push(
        japanese ? `${pick(plantedKeywords)}あります。` : `selling ${pick(plantedKeywords)} too.`,
      );
    while (sentences.join(japanese ? '' : ' ').length < BODY_CHARACTERS) {
      sentences.splice(
        Math.floor(random() * (sentences.length + 1)),
        0,
        pick(japanese ? JA_SENTENCES : EN_SENTENCES),
      );
    }
    const body = sentences.join(japanese ? '' : ' ').slice(0, BODY_CHARACTERS + 40);
    const withLocale = random() < 0.8;
    return {
      kind: pick(KINDS),
      ...(withLocale ? { locale: japanese ? 'ja' : 'en' } : {}),
      title: pick(japanese ? JA_TITLES : EN_TITLES),
      body,
      tags: [pick(japanese ? JA_TAGS : EN_TAGS), pick(japanese ? JA_TAGS : EN_TAGS)],
    };
  });
}

const LATIN_SYLLABLES = [
  'zor',
  'vak',
  'quel',
  'mip',
  'trax',
  'yul',
  'brin',
  'osk',
  'fep',
  'dral',
  'kiv',
  'wum',
];
const KATAKANA = [
  ...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ',
];

/** `count` distinct made-up keywords, three in five Latin (with a digit) and two in five katakana. */
export function generateKeywords(count: number, seed = 11): string[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const keywords = new Set<string>();
  while (keywords.size < count) {
    const latin = random() < 0.6;
    const keyword = latin
      ? `${pick(LATIN_SYLLABLES)}${pick(LATIN_SYLLABLES)}${Math.floor(random() * 100)}`
      : Array.from({ length: 4 + Math.floor(random() * 2) }, () => pick(KATAKANA)).join('');
    keywords.add(keyword);
  }
  return [...keywords];
}

/** The extra pack of generated keywords: ten review rules sharing the list evenly. */
export function generatedKeywordPack(keywords: readonly string[]): RulePack {
  const rules = 10;
  const share = Math.ceil(keywords.length / rules);
  const keywordSets = Object.fromEntries(
    Array.from({ length: rules }, (_, index) => [
      `generated-${index}`,
      keywords.slice(index * share, (index + 1) * share),
    ]),
  );
  return {
    pack: 'bench-generated',
    description: 'Generated keywords for the rule engine benchmark',
    keywordSets,
    rules: Object.keys(keywordSets).map((set, index) => ({
      id: `bench.generated-${index}`,
      description: 'a generated keyword',
      clause: 'bench',
      status: 'live' as const,
      severity: 'medium' as const,
      when: { keywords: { set } },
      action: { type: 'review' as const, queue: 'bench', priority: 'P3' as const },
    })),
  };
}

/** Used when policies/ is empty or invalid, so the benchmark still runs on realistic rules. */
export const FALLBACK_PACK: RulePack = {
  pack: 'bench-fallback',
  description: 'A small stand-in for the default packs',
  rules: [
    {
      id: 'bench.contact',
      description: 'contact details',
      clause: 'bench',
      status: 'live',
      severity: 'medium',
      when: { any: [{ detector: 'phone' }, { detector: 'email' }, { detector: 'messenger-id' }] },
      action: { type: 'review', queue: 'contact-exchange', priority: 'P3' },
    },
    {
      id: 'bench.payment',
      description: 'payment outside the platform',
      clause: 'bench',
      status: 'live',
      severity: 'high',
      when: { detector: 'off-platform-payment' },
      action: { type: 'review', queue: 'payments', priority: 'P2' },
    },
    {
      id: 'bench.counterfeit',
      description: 'counterfeit terms',
      clause: 'bench',
      status: 'live',
      severity: 'high',
      when: { keywords: { words: ['スーパーコピー', 'N級品', 'super clone', '1:1 replica'] } },
      action: { type: 'block' },
    },
    {
      id: 'bench.short-url',
      description: 'short links',
      clause: 'bench',
      status: 'shadow',
      severity: 'low',
      when: { detector: 'short-url' },
      action: { type: 'review', queue: 'scams', priority: 'P4' },
    },
  ],
};
