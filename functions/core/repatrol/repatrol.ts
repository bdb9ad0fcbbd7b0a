import type { CompiledRuleSet } from '#core/rules/compile';
import { evaluate } from '#core/rules/evaluate';
import type { Clock } from '#ports/clock';
import type { ContentStore } from '#ports/content-store';
import type { RepatrolJobStore } from '#ports/repatrol-job-store';
import type { ReviewRequestSender } from '#ports/review-request-sender';
import type { RepatrolJob, StoredContent } from '#schemas/stored-content';
import type { Submission } from '#schemas/submission';
import type { Verdict } from '#schemas/verdict';

/** What a re-patrol needs: the kept content, the review queue for new hits, and where progress goes. */
export interface RepatrolDependencies {
  content: ContentStore;
  reviews: ReviewRequestSender;
  jobs: RepatrolJobStore;
  clock: Clock;
}

/** The most items one re-patrol reads; a larger window is cut to its oldest items, and says so in `total`. */
export const REPATROL_LIMIT = 20_000;
const PROGRESS_EVERY = 25;

/**
 * Runs the live rule set (or one of its rules) over published content of the job's window, and sends
 * each new hit to review as a case, never acting on published content by itself. Progress is saved as
 * it goes, so the console can draw it; the finished job is returned.
 */
export async function runRepatrol(
  job: RepatrolJob,
  ruleSet: CompiledRuleSet,
  dependencies: RepatrolDependencies,
): Promise<RepatrolJob> {
  let current = { ...job };
  const save = async (change: Partial<RepatrolJob>) => {
    current = { ...current, ...change };
    await dependencies.jobs.save(current);
  };
  try {
    const now = dependencies.clock.now();
    const since = new Date(now.getTime() - job.days * 86_400_000);
    const published = latestVersions(
      await dependencies.content.since(job.tenant, since, now, REPATROL_LIMIT),
    ).filter((item) => item.decision === 'allow');
    await save({ total: published.length });
    for (const [index, item] of published.entries()) {
      const verdict = newHit(item, ruleSet, job.ruleId, dependencies.clock.now());
      if (verdict !== undefined) {
        await dependencies.reviews.send({
          type: 'verdict',
          verdict,
          snapshot: item.snapshot,
          author: item.author,
        });
        current.newHits++;
        current.casesRequested++;
      }
      current.evaluated = index + 1;
      if (current.evaluated % PROGRESS_EVERY === 0) await save({});
    }
    await save({ status: 'done', finishedAt: dependencies.clock.now().toISOString() });
    return current;
  } catch (error) {
    await save({
      status: 'failed',
      error: (error as Error).message,
      finishedAt: dependencies.clock.now().toISOString(),
    });
    throw error;
  }
}

/** The verdict a stored item gets now when the live rules (or the one rule) would no longer allow it. */
function newHit(
  item: StoredContent,
  ruleSet: CompiledRuleSet,
  ruleId: string | undefined,
  now: Date,
): Verdict | undefined {
  const evaluation = evaluate(ruleSet, evaluableOf(item), now);
  if (evaluation.decision === 'allow') return undefined;
  const reasons =
    ruleId === undefined
      ? evaluation.reasons
      : evaluation.reasons.filter((reason) => reason.ruleId === ruleId);
  if (reasons.length === 0) return undefined;
  return {
    ...evaluation,
    reasons,
    decision: 'review',
    tenant: item.tenant,
    contentId: item.contentId,
    version: item.snapshot.version,
    kind: item.snapshot.kind,
    decidedBy: { type: 'auto' },
    decidedAt: now.toISOString(),
    ruleSetVersion: ruleSet.version,
  };
}

function evaluableOf(item: StoredContent): Pick<Submission, 'kind' | 'locale' | 'title' | 'body' | 'tags'> {
  const { snapshot } = item;
  return {
    kind: snapshot.kind as Submission['kind'],
    ...(snapshot.locale === undefined ? {} : { locale: snapshot.locale }),
    ...(snapshot.title === undefined ? {} : { title: snapshot.title }),
    ...(snapshot.body === undefined ? {} : { body: snapshot.body }),
    ...(snapshot.tags === undefined ? {} : { tags: snapshot.tags }),
  };
}

/** Only the newest kept version of each content item: an edit replaced what was published before. */
function latestVersions(items: readonly StoredContent[]): StoredContent[] {
  const newest = new Map<string, StoredContent>();
  for (const item of items) {
    const seen = newest.get(item.contentId);
    if (seen === undefined || seen.snapshot.version < item.snapshot.version) newest.set(item.contentId, item);
  }
  return [...newest.values()];
}
