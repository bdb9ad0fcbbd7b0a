import type { OffenderStore } from '#ports/offender-store';
import type { VerdictStore } from '#ports/verdict-store';
import type { LinkedAccount, RecentVerdict, UserRecord } from '#schemas/offender';
import type { OffenderPolicy } from '#schemas/offender-policy';
import type { SignalName } from '#schemas/submission';
import { enforcementInForce } from './ladder.ts';
import { activeStrikeTotal, countsUntilMs, decayMs, strikeIsActive } from './strikes.ts';

const RECENT_POSTS = 20;
const ACCOUNTS_PER_SIGNAL = 50;
const NO_POSTS = Number.MAX_SAFE_INTEGER;

/**
 * Everything a lead looks at before acting on a user: strikes with their reasons and whether each
 * still counts, the enforcement in force and its history, accounts sharing a signal, recent verdicts.
 * Undefined when Patrol has never seen the user.
 */
export async function describeUser(
  target: { tenant: string; userId: string },
  dependencies: {
    store: OffenderStore;
    verdicts: Pick<VerdictStore, 'get'>;
    policy: OffenderPolicy;
    now: Date;
  },
): Promise<UserRecord | undefined> {
  const { store, verdicts, policy, now } = dependencies;
  const { tenant, userId } = target;
  const nowMs = now.getTime();
  const [snapshot, history, posts] = await Promise.all([
    store.readAuthor(tenant, userId, NO_POSTS),
    store.enforcementHistory(tenant, userId),
    store.recentPosts(tenant, userId, RECENT_POSTS),
  ]);
  const { status, strikes } = snapshot;
  if (status === undefined && strikes.length === 0 && history.length === 0 && posts.length === 0)
    return undefined;
  const decay = decayMs(policy.strikes);
  const [linked, recentVerdicts] = await Promise.all([
    linkedAccounts(store, tenant, userId, status?.signals ?? []),
    Promise.all(posts.map((post) => recentVerdict(verdicts, post))),
  ]);
  const enforcement = status?.enforcement;
  return {
    tenant,
    userId,
    strikes: {
      total: activeStrikeTotal(strikes, nowMs, decay),
      decayDays: policy.strikes.decayDays,
      items: [...strikes]
        .sort((left, right) => Date.parse(right.at) - Date.parse(left.at))
        .map((strike) => ({
          ...strike,
          active: strikeIsActive(strike, nowMs, decay),
          countsUntil: new Date(countsUntilMs(strike, decay)).toISOString(),
        })),
    },
    enforcement: {
      level: enforcementInForce(enforcement, nowMs),
      ...(enforcement?.restrictedUntilMs === undefined
        ? {}
        : { restrictedUntil: new Date(enforcement.restrictedUntilMs).toISOString() }),
      ...(enforcement?.sinceMs === undefined ? {} : { since: new Date(enforcement.sinceMs).toISOString() }),
      ...(enforcement?.lastAction === undefined ? {} : { lastAction: enforcement.lastAction }),
      ...(enforcement?.reason === undefined ? {} : { reason: enforcement.reason }),
    },
    enforcementHistory: history,
    linkedAccounts: linked,
    recentVerdicts,
  };
}

async function linkedAccounts(
  store: OffenderStore,
  tenant: string,
  userId: string,
  signals: Parameters<OffenderStore['accountsSharing']>[1],
): Promise<LinkedAccount[]> {
  if (signals.length === 0) return [];
  const sharing = await store.accountsSharing(tenant, signals, ACCOUNTS_PER_SIGNAL);
  const byUser = new Map<string, LinkedAccount>();
  for (const account of sharing) {
    if (account.userId === userId) continue;
    const found = byUser.get(account.userId) ?? { userId: account.userId, signals: [] as SignalName[] };
    if (!found.signals.includes(account.signal)) found.signals.push(account.signal);
    if (account.enforced !== undefined) found.enforcement = account.enforced;
    byUser.set(account.userId, found);
  }
  return [...byUser.values()].sort(
    (left, right) => right.signals.length - left.signals.length || left.userId.localeCompare(right.userId),
  );
}

async function recentVerdict(
  verdicts: Pick<VerdictStore, 'get'>,
  post: Awaited<ReturnType<OffenderStore['recentPosts']>>[number],
): Promise<RecentVerdict> {
  const stored = await verdicts.get(post.tenant, post.contentId);
  const verdict = stored?.history.findLast((candidate) => candidate.version === post.version);
  return {
    contentId: post.contentId,
    version: post.version,
    kind: post.kind,
    postedAt: new Date(post.postedAtMs).toISOString(),
    ...(verdict === undefined ? {} : { decision: verdict.decision, decidedAt: verdict.decidedAt }),
    ruleIds: verdict?.reasons.map((reason) => reason.ruleId) ?? [],
  };
}
