/** The console's languages. */
export type Locale = 'en' | 'ja';

const en = {
  appName: 'Patrol',
  signIn: 'Sign in',
  signInTitle: 'Sign in to the Patrol console',
  signInDev: 'Local development: choose a dev token',
  signInAs: 'Sign in as {role}',
  signInPaste: 'Or paste a token',
  signInCognito: 'Sign in with your organisation account',
  token: 'Token',
  signOut: 'Sign out',
  language: 'Language',
  navQueues: 'Queues',
  navRules: 'Rules',
  navDashboard: 'Dashboard',
  nextCase: 'Next case',
  noCase: 'No case is waiting in your queues.',
  queue: 'Queue',
  cases: 'cases',
  status: 'Status',
  overdueOnly: 'Overdue only',
  priority: 'Priority',
  severity: 'Severity',
  subject: 'Subject',
  reasons: 'Rules',
  due: 'SLA',
  breached: 'breached',
  open: 'open',
  claimed: 'claimed',
  escalated: 'escalated',
  decided: 'decided',
  selectCase: 'Select case {caseId}',
  selectAll: 'Select all',
  selected: '{count} selected',
  bulkDecide: 'Decide selected',
  bulkDone: '{decided} decided, {refused} refused',
  emptyQueue: 'No cases match.',
  content: 'Content',
  matchedRules: 'Matched rules',
  clause: 'Clause',
  mlScores: 'ML scores',
  noMl: 'No classifier ran on this content.',
  author: 'Author',
  strikes: 'Strikes',
  enforcement: 'Enforcement',
  linkedAccounts: 'Linked accounts',
  previousVerdicts: 'Previous verdicts',
  noAuthor: 'Nothing is known about this author yet.',
  reports: 'Reports',
  noReports: 'No reports.',
  lease: 'Lease',
  leaseLeft: '{time} left',
  leaseExpired: 'lease expired',
  claim: 'Claim',
  renew: 'Renew',
  release: 'Release',
  audit: 'Audit trail',
  decision: 'Decision',
  reasonCode: 'Guideline clause',
  note: 'Note',
  toQueue: 'Escalate to',
  approve: 'Approve',
  remove: 'Remove',
  escalate: 'Escalate',
  submitAndNext: 'Submit and take the next case',
  decidedToast: 'Case {caseId}: {action}',
  blur: 'Blur content',
  unblur: 'Show content',
  help: 'Keyboard shortcuts',
  close: 'Close',
  keyApprove: 'approve',
  keyRemove: 'remove',
  keyEscalate: 'escalate',
  keyNext: 'next case',
  keyBlur: 'blur or show content',
  keyHelp: 'this help',
  back: 'Back to the queue',
  notClaimed: 'Claim the case to decide it.',
  loading: 'Loading…',
  leadsOnly: 'This page is for leads and admins.',
  field: { title: 'Title', body: 'Body', tags: 'Tags' } as Record<string, string>,
};

type Messages = typeof en;

const ja: Messages = {
  appName: 'Patrol',
  signIn: 'サインイン',
  signInTitle: 'Patrol コンソールにサインイン',
  signInDev: 'ローカル開発: 開発用トークンを選択',
  signInAs: '{role} としてサインイン',
  signInPaste: 'またはトークンを貼り付け',
  signInCognito: '組織のアカウントでサインイン',
  token: 'トークン',
  signOut: 'サインアウト',
  language: '言語',
  navQueues: 'キュー',
  navRules: 'ルール',
  navDashboard: 'ダッシュボード',
  nextCase: '次のケース',
  noCase: '担当キューに待機中のケースはありません。',
  queue: 'キュー',
  cases: '件',
  status: '状態',
  overdueOnly: '期限超過のみ',
  priority: '優先度',
  severity: '重大度',
  subject: '対象',
  reasons: 'ルール',
  due: 'SLA',
  breached: '期限超過',
  open: '未着手',
  claimed: '対応中',
  escalated: 'エスカレーション',
  decided: '判定済み',
  selectCase: 'ケース {caseId} を選択',
  selectAll: 'すべて選択',
  selected: '{count} 件選択中',
  bulkDecide: '選択したケースを判定',
  bulkDone: '{decided} 件判定、{refused} 件拒否',
  emptyQueue: '該当するケースはありません。',
  content: 'コンテンツ',
  matchedRules: '一致したルール',
  clause: 'ガイドライン条項',
  mlScores: 'ML スコア',
  noMl: 'このコンテンツには分類器が実行されていません。',
  author: '投稿者',
  strikes: 'ストライク',
  enforcement: '措置',
  linkedAccounts: '関連アカウント',
  previousVerdicts: '過去の判定',
  noAuthor: 'この投稿者の情報はまだありません。',
  reports: '通報',
  noReports: '通報はありません。',
  lease: 'リース',
  leaseLeft: '残り {time}',
  leaseExpired: 'リース切れ',
  claim: '担当する',
  renew: '延長',
  release: '手放す',
  audit: '監査ログ',
  decision: '判定',
  reasonCode: 'ガイドライン条項',
  note: 'メモ',
  toQueue: 'エスカレーション先',
  approve: '承認',
  remove: '削除',
  escalate: 'エスカレーション',
  submitAndNext: '送信して次のケースへ',
  decidedToast: 'ケース {caseId}: {action}',
  blur: 'ぼかす',
  unblur: '表示する',
  help: 'キーボードショートカット',
  close: '閉じる',
  keyApprove: '承認',
  keyRemove: '削除',
  keyEscalate: 'エスカレーション',
  keyNext: '次のケース',
  keyBlur: 'ぼかしの切り替え',
  keyHelp: 'このヘルプ',
  back: 'キューに戻る',
  notClaimed: '判定するにはケースを担当してください。',
  loading: '読み込み中…',
  leadsOnly: 'このページはリードと管理者向けです。',
  field: { title: 'タイトル', body: '本文', tags: 'タグ' },
};

const catalogues: Record<Locale, Messages> = { en, ja };
const STORAGE_KEY = 'patrol.locale';
let locale: Locale = initialLocale();

/** A message key of the catalogue (every key but the field names). */
export type MessageKey = Exclude<keyof Messages, 'field'>;

/** The message in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A text field's label in the current language. */
export function fieldLabel(field: string): string {
  return catalogues[locale].field[field] ?? field;
}

export function currentLocale(): Locale {
  return locale;
}

/** Switches the language and remembers the choice over the browser's preference. */
export function setLocale(next: Locale): void {
  locale = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The stored choice, else the browser's first language that the console speaks. */
function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ja') return stored;
  const preferred = navigator.languages.find((language) => /^(ja|en)\b/i.test(language));
  return preferred?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
