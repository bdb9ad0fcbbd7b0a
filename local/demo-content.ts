import type { ContentKind } from '#schemas/submission';

/** What a demo item is meant to show; `clean` items should be allowed, the rest caught or refused. */
export type DemoTheme =
  | 'clean'
  | 'contact-exchange'
  | 'off-platform-payment'
  | 'counterfeit'
  | 'scam'
  | 'papakatsu'
  | 'academic-fraud'
  | 'malformed';

interface DemoTemplate {
  theme: Exclude<DemoTheme, 'malformed'>;
  tenant: string;
  kind: ContentKind;
  locale: 'ja' | 'en';
  title?: string;
  body: string;
  tags?: string[];
  /** Kind-specific fields (price, threadId, rating...). */
  fields?: Record<string, unknown>;
}

/** One message for the ingest queue: its raw body and the theme it was drawn from. */
export interface DemoMessage {
  theme: DemoTheme;
  body: string;
}

const MARKET = 'acme-market';
const GIGS = 'sakura-gigs';
const DATING = 'hoshi-community';

const yen = (amount: number) => ({ price: { amount, currency: 'JPY' } });
const usd = (amount: number) => ({ price: { amount, currency: 'USD' } });

const TEMPLATES: readonly DemoTemplate[] = [
  // Clean, the bulk of any real feed.
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'listing',
    locale: 'ja',
    title: 'iPhone 13 128GB ミッドナイト SIMフリー',
    body: '2年ほど使用しました。画面に細かい傷がありますが動作は問題ありません。バッテリー最大容量86%です。箱と充電ケーブルをお付けします。',
    tags: ['スマホ', 'iPhone'],
    fields: { ...yen(52_000), category: 'electronics/phones' },
  },
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'listing',
    locale: 'ja',
    title: '無印良品 ウォールナット材 ローテーブル',
    body: '引っ越しのため出品します。幅110cm、目立つ傷はありません。都内であれば手渡しも可能です（アプリ内で日時をご相談ください）。',
    tags: ['家具', 'テーブル'],
    fields: { ...yen(8_500), category: 'home/furniture' },
  },
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'listing',
    locale: 'en',
    title: 'Trek FX 2 hybrid bike, size M',
    body: 'Ridden for one summer, serviced in September. New tyres and chain. Local pickup in Shibuya or shipping at cost.',
    tags: ['bike', 'cycling'],
    fields: { ...usd(420), category: 'sports/bikes' },
  },
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'listing',
    locale: 'en',
    title: 'Le Creuset round casserole 24cm, cerise',
    body: 'Used a handful of times, no chips in the enamel. Comes with the original box.',
    fields: { ...usd(140), category: 'home/kitchen' },
  },
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'message',
    locale: 'ja',
    body: 'ご購入ありがとうございます。明日の午前中に発送予定です。到着まで少々お待ちください。',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-buyer' },
  },
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'message',
    locale: 'en',
    body: 'Thanks! Could you wrap it well? It is a gift. Happy to wait a couple of extra days.',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-seller' },
  },
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'review',
    locale: 'ja',
    body: '丁寧な梱包で、説明どおりのきれいな商品でした。またご縁があればよろしくお願いします。',
    fields: { targetId: 'user-demo-seller', rating: 5 },
  },
  {
    theme: 'clean',
    tenant: MARKET,
    kind: 'review',
    locale: 'en',
    body: 'Item as described, shipped the next day. Smooth transaction, would buy again.',
    fields: { targetId: 'user-demo-seller', rating: 5 },
  },
  {
    theme: 'clean',
    tenant: GIGS,
    kind: 'job',
    locale: 'ja',
    title: 'ECサイトの商品写真 30点の撮影・レタッチ',
    body: 'アパレル商品の白背景写真を30点お願いします。撮影場所は渋谷のスタジオ、納期は2週間です。ポートフォリオをお送りください。',
    tags: ['撮影', 'レタッチ'],
    fields: { budget: { amount: 90_000, currency: 'JPY' }, category: 'design/photography' },
  },
  {
    theme: 'clean',
    tenant: GIGS,
    kind: 'job',
    locale: 'en',
    title: 'Translate a 12-page app onboarding guide from English to Japanese',
    body: 'We need natural, friendly Japanese for a budgeting app. Glossary provided. Delivery within 10 days.',
    tags: ['translation', 'localisation'],
    fields: { budget: { amount: 600, currency: 'USD' }, category: 'writing/translation' },
  },
  {
    theme: 'clean',
    tenant: GIGS,
    kind: 'profile',
    locale: 'ja',
    title: '佐藤デザイン事務所',
    body: 'ロゴ・名刺・パンフレットのデザインを10年以上手がけています。修正は2回まで無料です。',
  },
  {
    theme: 'clean',
    tenant: DATING,
    kind: 'profile',
    locale: 'ja',
    title: 'ゆい',
    body: '週末は鎌倉でカフェ巡りをしています。映画と写真が好きです。ゆっくりお話しできる方と仲良くなりたいです。',
  },
  {
    theme: 'clean',
    tenant: DATING,
    kind: 'profile',
    locale: 'en',
    title: 'Kenji',
    body: 'Software engineer in Osaka, learning to bake bread. Looking for someone to explore ramen shops with.',
  },
  {
    theme: 'clean',
    tenant: DATING,
    kind: 'comment',
    locale: 'ja',
    body: '素敵な写真ですね！どこで撮影されたんですか？',
    fields: { parentId: 'post-demo' },
  },
  {
    theme: 'clean',
    tenant: DATING,
    kind: 'comment',
    locale: 'en',
    body: 'This hiking route looks amazing, adding it to my list for the autumn.',
    fields: { parentId: 'post-demo' },
  },
  // Contact exchange.
  {
    theme: 'contact-exchange',
    tenant: MARKET,
    kind: 'message',
    locale: 'ja',
    body: '値段の相談はLINEでお願いします！ID: yuki_0821 で追加してください',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-buyer' },
  },
  {
    theme: 'contact-exchange',
    tenant: DATING,
    kind: 'profile',
    locale: 'ja',
    title: 'まい',
    body: 'ここあまり見ないので、ﾗｲﾝ交換しましょう♪ インスタもやってます',
  },
  {
    theme: 'contact-exchange',
    tenant: MARKET,
    kind: 'message',
    locale: 'en',
    body: 'Easier to chat on WhatsApp, text me at +1 415 555 0132 and I will send more photos.',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-buyer' },
  },
  {
    theme: 'contact-exchange',
    tenant: GIGS,
    kind: 'job',
    locale: 'en',
    title: 'Quick logo job',
    body: 'Email me directly at design.deals@example.com so we can skip the back and forth here.',
    fields: { category: 'design/logo' },
  },
  // Off-platform payment.
  {
    theme: 'off-platform-payment',
    tenant: MARKET,
    kind: 'message',
    locale: 'ja',
    body: '手数料がもったいないので、銀行振込で直接取引しませんか？その分3000円安くします。',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-buyer' },
  },
  {
    theme: 'off-platform-payment',
    tenant: MARKET,
    kind: 'listing',
    locale: 'ja',
    title: 'PS5 本体 ディスクドライブ搭載',
    body: 'PayPay払いなら即日発送します。購入前にコメントください。',
    fields: { ...yen(45_000), category: 'games/consoles' },
  },
  {
    theme: 'off-platform-payment',
    tenant: GIGS,
    kind: 'message',
    locale: 'en',
    body: 'Let us do this outside the site, pay me via PayPal friends and family and I will knock 15% off.',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-client' },
  },
  // Counterfeit goods.
  {
    theme: 'counterfeit',
    tenant: MARKET,
    kind: 'listing',
    locale: 'ja',
    title: 'ルイヴィトン風 モノグラム 長財布 N級品',
    body: 'スーパーコピー品ですが本物と見分けがつかないクオリティです。箱・保存袋付き。',
    tags: ['ブランド', '財布'],
    fields: { ...yen(6_800), category: 'fashion/wallets' },
  },
  {
    theme: 'counterfeit',
    tenant: MARKET,
    kind: 'listing',
    locale: 'en',
    title: 'Rolex Submariner AAA replica 1:1',
    body: 'Top grade replica, same weight as the original, nobody can tell. Ships in a genuine-looking box.',
    fields: { ...usd(120), category: 'fashion/watches' },
  },
  // Scams.
  {
    theme: 'scam',
    tenant: GIGS,
    kind: 'job',
    locale: 'ja',
    title: '【在宅OK】スマホだけで月収100万円！',
    body: '誰でも簡単に稼げる副業です。登録料5000円を振り込むだけで今日から始められます。',
    fields: { category: 'other' },
  },
  {
    theme: 'scam',
    tenant: DATING,
    kind: 'message',
    locale: 'en',
    body: 'I am a US army doctor on deployment, I need $500 in gift cards to pay for my leave papers so we can meet.',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-member' },
  },
  {
    theme: 'scam',
    tenant: GIGS,
    kind: 'job',
    locale: 'en',
    title: 'Work from home, earn $5,000 a week',
    body: 'No experience needed. Just send the $50 registration fee and start receiving guaranteed payments.',
    fields: { category: 'other' },
  },
  // Paid dating (p活).
  {
    theme: 'papakatsu',
    tenant: DATING,
    kind: 'profile',
    locale: 'ja',
    title: 'りな',
    body: 'p活してます。お手当は顔合わせ1、大人ありは要相談です。',
  },
  {
    theme: 'papakatsu',
    tenant: DATING,
    kind: 'message',
    locale: 'ja',
    body: 'パパ活の条件教えてください！食事だけで1万円からでお願いしたいです',
    fields: { threadId: 'thread-demo', recipientId: 'user-demo-member' },
  },
  // Academic fraud.
  {
    theme: 'academic-fraud',
    tenant: GIGS,
    kind: 'job',
    locale: 'ja',
    title: '卒論代行お願いします',
    body: '経済学部の卒業論文（2万字）を代わりに書いてくれる方を探しています。コピペチェックに通るものでお願いします。',
    fields: { budget: { amount: 80_000, currency: 'JPY' }, category: 'writing/academic' },
  },
  {
    theme: 'academic-fraud',
    tenant: GIGS,
    kind: 'job',
    locale: 'en',
    title: 'Take my online statistics exam',
    body: 'Need someone to log in as me and take my final exam on Friday, must get at least a B. Will also pay for essay writing.',
    fields: { budget: { amount: 300, currency: 'USD' }, category: 'education/tutoring' },
  },
];

/** Messages a platform might get wrong: each is refused with a reason and dead-lettered. */
const MALFORMED_BODIES: readonly ((contentId: string) => string)[] = [
  (contentId) => JSON.stringify({ schemaVersion: 2, tenant: MARKET, contentId, version: 1, kind: 'listing' }),
  (contentId) =>
    JSON.stringify({
      schemaVersion: 1,
      tenant: MARKET,
      contentId,
      version: 1,
      kind: 'listing',
      author: { userId: 'user-demo' },
      title: '価格がマイナス',
      price: { amount: -100, currency: 'JPY' },
      postedAt: new Date().toISOString(),
    }),
  (contentId) =>
    `{"schemaVersion":1,"tenant":"${MARKET}","contentId":"${contentId}","kind":"message","body":"途中で切れた`,
  () =>
    JSON.stringify({
      schemaVersion: 1,
      tenant: 'Acme Market',
      kind: 'review',
      body: 'tenant id with spaces',
    }),
];

/** Share of the feed that is malformed, and of the rest that is not clean. */
const MALFORMED_SHARE = 0.03;
const VIOLATION_SHARE = 0.3;

/**
 * Draws the next demo message: mostly clean Japanese and English listings, messages, profiles, job
 * requests, reviews and comments, some violations and a few malformed messages.
 */
export function nextDemoMessage(
  sequence: number,
  now: Date,
  random: () => number = Math.random,
): DemoMessage {
  const contentId = `demo-${now.getTime().toString(36)}-${sequence}`;
  if (random() < MALFORMED_SHARE) {
    return { theme: 'malformed', body: pick(MALFORMED_BODIES, random)(contentId) };
  }
  const clean = random() >= VIOLATION_SHARE;
  const template = pick(
    TEMPLATES.filter((candidate) => (candidate.theme === 'clean') === clean),
    random,
  );
  const userNumber = Math.floor(random() * 5_000);
  const accountAgeDays = Math.floor(random() * (template.theme === 'clean' ? 900 : 14));
  const submission = {
    schemaVersion: 1,
    tenant: template.tenant,
    contentId: `${template.kind}-${contentId}`,
    version: 1,
    kind: template.kind,
    author: {
      userId: `user-${userNumber}`,
      accountCreatedAt: new Date(now.getTime() - accountAgeDays * 86_400_000).toISOString(),
      signals: { email: `member${userNumber}@example.jp`, ipPrefix: '203.0.113.0/24' },
    },
    locale: template.locale,
    ...(template.title === undefined ? {} : { title: template.title }),
    body: template.body,
    ...(template.tags === undefined ? {} : { tags: template.tags }),
    ...template.fields,
    postedAt: now.toISOString(),
  };
  return { theme: template.theme, body: JSON.stringify(submission) };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}
