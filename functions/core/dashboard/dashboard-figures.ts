import type { ReviewCase } from '#schemas/review-case';
import type { StoredContent } from '#schemas/stored-content';

/** One hour of the window: automatic decisions, moderators' decisions and ML use. */
export interface HourFigures {
  at: string;
  auto: { allow: number; review: number; block: number };
  human: { approve: number; remove: number };
  mlCalls: number;
  mlCostUsd: number;
}

/** What the leads' dashboard plots over a window of hours. */
export interface DashboardFigures {
  hours: HourFigures[];
  slaByQueue: { queue: string; decided: number; withinSla: number; compliance?: number }[];
  backlogAge: { bucket: string; count: number }[];
  rules: { ruleId: string; hits: number; reviewed: number; overturned: number; overturnRate?: number }[];
  moderators: { moderatorId: string; decided: number; averageHandlingSeconds?: number }[];
  ml: { calls: number; costUsd: number };
}

const HOUR_MS = 3_600_000;
const BACKLOG_BUCKETS = [
  { bucket: '<1h', below: 1 },
  { bucket: '1-4h', below: 4 },
  { bucket: '4-24h', below: 24 },
  { bucket: '1-3d', below: 72 },
  { bucket: '>3d', below: Number.POSITIVE_INFINITY },
];

/**
 * Figures for the dashboard from kept content (automatic decisions, rule hits, ML use) and cases
 * (moderators' decisions, SLA, backlog): an approved case overturns the rules that sent it to review.
 */
export function dashboardFigures(
  content: readonly StoredContent[],
  cases: readonly ReviewCase[],
  window: { now: Date; hours: number },
): DashboardFigures {
  const end = Math.floor(window.now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const start = end - window.hours * HOUR_MS;
  const hours: HourFigures[] = Array.from({ length: window.hours }, (_, index) => ({
    at: new Date(start + index * HOUR_MS).toISOString(),
    auto: { allow: 0, review: 0, block: 0 },
    human: { approve: 0, remove: 0 },
    mlCalls: 0,
    mlCostUsd: 0,
  }));
  const hourOf = (iso: string) => hours[Math.floor((Date.parse(iso) - start) / HOUR_MS)];
  const rules = new Map<string, { hits: number; reviewed: number; overturned: number }>();
  const rule = (ruleId: string) => {
    const counts = rules.get(ruleId) ?? { hits: 0, reviewed: 0, overturned: 0 };
    rules.set(ruleId, counts);
    return counts;
  };
  let mlCalls = 0;
  let mlCostUsd = 0;
  for (const item of content) {
    const hour = hourOf(item.recordedAt);
    if (hour === undefined) continue;
    hour.auto[item.decision]++;
    hour.mlCalls += item.mlCalls ?? 0;
    hour.mlCostUsd += item.mlCostUsd ?? 0;
    mlCalls += item.mlCalls ?? 0;
    mlCostUsd += item.mlCostUsd ?? 0;
    for (const ruleId of item.ruleIds ?? []) rule(ruleId).hits++;
  }
  const queues = new Map<string, { decided: number; withinSla: number }>();
  const moderators = new Map<string, { decided: number; handlingSeconds: number; handled: number }>();
  const backlog = BACKLOG_BUCKETS.map(({ bucket }) => ({ bucket, count: 0 }));
  for (const reviewCase of cases) {
    const { outcome } = reviewCase;
    if (outcome === undefined) {
      const ageHours = (window.now.getTime() - Date.parse(reviewCase.createdAt)) / HOUR_MS;
      const index = BACKLOG_BUCKETS.findIndex(({ below }) => ageHours < below);
      (backlog[index] as { count: number }).count++;
      continue;
    }
    const hour = hourOf(outcome.decidedAt);
    if (hour === undefined) continue;
    hour.human[outcome.action]++;
    const queue = queues.get(reviewCase.queue) ?? { decided: 0, withinSla: 0 };
    queue.decided++;
    if (!reviewCase.breached) queue.withinSla++;
    queues.set(reviewCase.queue, queue);
    const moderator = moderators.get(outcome.moderatorId) ?? { decided: 0, handlingSeconds: 0, handled: 0 };
    moderator.decided++;
    if (outcome.claimedAt !== undefined) {
      moderator.handled++;
      moderator.handlingSeconds += (Date.parse(outcome.decidedAt) - Date.parse(outcome.claimedAt)) / 1000;
    }
    moderators.set(outcome.moderatorId, moderator);
    for (const ruleId of new Set(reviewCase.reasons.map((reason) => reason.ruleId))) {
      const counts = rule(ruleId);
      counts.reviewed++;
      if (outcome.action === 'approve') counts.overturned++;
    }
  }
  return {
    hours,
    slaByQueue: [...queues.entries()]
      .map(([queue, counts]) => ({ queue, ...counts, compliance: counts.withinSla / counts.decided }))
      .sort((left, right) => left.queue.localeCompare(right.queue)),
    backlogAge: backlog,
    rules: [...rules.entries()]
      .map(([ruleId, counts]) => ({
        ruleId,
        ...counts,
        ...(counts.reviewed === 0 ? {} : { overturnRate: counts.overturned / counts.reviewed }),
      }))
      .sort((left, right) => right.hits - left.hits || left.ruleId.localeCompare(right.ruleId)),
    moderators: [...moderators.entries()]
      .map(([moderatorId, counts]) => ({
        moderatorId,
        decided: counts.decided,
        ...(counts.handled === 0 ? {} : { averageHandlingSeconds: counts.handlingSeconds / counts.handled }),
      }))
      .sort((left, right) => right.decided - left.decided),
    ml: { calls: mlCalls, costUsd: mlCostUsd },
  };
}
