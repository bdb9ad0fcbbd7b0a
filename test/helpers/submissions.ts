import type { ContentKind, Submission } from '#schemas/submission';

/** The submission variant of one kind. */
export type SubmissionOf<K extends ContentKind> = Extract<Submission, { kind: K }>;

type Language = 'ja' | 'en';
type KindFields<K extends ContentKind> = Omit<SubmissionOf<K>, keyof Submission | 'kind'> &
  Pick<Submission, 'title' | 'body' | 'tags'>;

const content: { [K in ContentKind]: Record<Language, KindFields<K>> } = {
  listing: {
    ja: {
      title: '【美品】ニンテンドースイッチ 有機ELモデル ホワイト',
      body: '半年ほど使用しました。目立つ傷はありません。箱・付属品すべて揃っています。即購入OKです。',
      tags: ['ゲーム', 'スイッチ'],
      price: { amount: 28_000, currency: 'JPY' },
      category: 'games/consoles',
    },
    en: {
      title: 'Vintage Canon AE-1 film camera with 50mm lens',
      body: 'Fully working, light meter tested last month. Minor wear on the top plate. Ships in two days.',
      tags: ['camera', 'film'],
      price: { amount: 180, currency: 'USD' },
      category: 'electronics/cameras',
    },
  },
  message: {
    ja: {
      body: 'はじめまして。出品されているスイッチはまだ購入可能でしょうか？週末に受け取りたいです。',
      threadId: 'thread-5521',
      recipientId: 'user-77103',
    },
    en: {
      body: 'Hi! Is the camera still available? I could pick it up on Saturday morning if that works.',
      threadId: 'thread-9034',
      recipientId: 'user-20418',
    },
  },
  profile: {
    ja: {
      title: 'さくら',
      body: '東京在住、カフェ巡りと写真が好きです。丁寧な取引を心がけています。',
    },
    en: {
      title: 'Sam Carter',
      body: 'Vinyl collector from Portland. Quick replies, careful packing, smoke-free home.',
    },
  },
  comment: {
    ja: { body: 'とても参考になりました。続編も楽しみにしています！', parentId: 'post-3310' },
    en: { body: 'Great write-up, the packing tips saved me a broken lens.', parentId: 'post-8812' },
  },
  job: {
    ja: {
      title: 'ECサイトの商品説明文ライティング（月20本）',
      body: 'アパレル商品の説明文をお願いします。1本400字程度、納期は1週間です。経験者歓迎。',
      tags: ['ライティング', 'EC'],
      budget: { amount: 40_000, currency: 'JPY' },
      category: 'writing',
    },
    en: {
      title: 'Logo design for a small coffee roastery',
      body: 'Looking for a clean, modern logo with two revisions included. Brand guide is ready to share.',
      tags: ['design', 'logo'],
      budget: { amount: 450, currency: 'USD' },
      category: 'design/branding',
    },
  },
  review: {
    ja: {
      body: '迅速に発送していただき、梱包も丁寧でした。また機会があればよろしくお願いします。',
      targetId: 'user-77103',
      rating: 5,
    },
    en: {
      body: 'Item arrived a week late and the seller stopped answering messages.',
      targetId: 'user-20418',
      rating: 2,
    },
  },
  report: {
    ja: {
      body: 'このユーザーから外部のLINEに誘導するメッセージが届きました。',
      target: { contentId: 'message-44120', userId: 'user-90211' },
      reasonCode: 'off-platform-contact',
    },
    en: {
      body: 'This listing asks buyers to pay by bank transfer outside the site.',
      target: { contentId: 'listing-66302' },
      reasonCode: 'scam',
    },
  },
};

let sequence = 0;

/**
 * A valid submission of `kind` with realistic text: Japanese unless `overrides.locale` is English.
 * Each call gets its own content id; overrides replace top-level fields.
 */
export function aSubmission<K extends ContentKind>(
  kind: K,
  overrides: Partial<SubmissionOf<K>> = {},
): SubmissionOf<K> {
  sequence += 1;
  const language: Language = overrides.locale?.startsWith('en') ? 'en' : 'ja';
  const submission = {
    schemaVersion: 1,
    tenant: 'acme-market',
    contentId: `${kind}-${1000 + sequence}`,
    version: 1,
    kind,
    author: {
      userId: language === 'ja' ? 'user-31337' : 'user-40961',
      accountCreatedAt: '2025-04-01T10:00:00+09:00',
      signals:
        language === 'ja'
          ? { email: 'Hanako.Yamada@example.jp', phone: '+81 90-1234-5678', ipPrefix: '203.0.113.0/24' }
          : { email: 'sam.carter@example.com', device: 'ios-5E1F-22AB', ipPrefix: '198.51.100.0/24' },
    },
    locale: language === 'ja' ? 'ja' : 'en-US',
    postedAt: '2026-11-20T09:00:00+09:00',
    ...structuredClone(content[kind][language]),
    ...overrides,
  };
  return submission as SubmissionOf<K>;
}

/** The message body a platform would send for a submission. */
export function aSubmissionBody(submission: Submission | Record<string, unknown>): string {
  return JSON.stringify(submission);
}
