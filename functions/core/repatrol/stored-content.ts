import type { StoredContent } from '#schemas/stored-content';
import type { Submission } from '#schemas/submission';
import type { Verdict } from '#schemas/verdict';

/** How much text is kept per field, as much as a case keeps. */
const KEPT_CHARACTERS = 20_000;

/** The content of a decided submission as kept for back-tests and re-patrols: text and author id, never signals. */
export function storedContentOf(submission: Submission, verdict: Verdict): StoredContent {
  return {
    tenant: submission.tenant,
    contentId: submission.contentId,
    author: {
      userId: submission.author.userId,
      ...(submission.author.accountCreatedAt === undefined
        ? {}
        : { accountCreatedAt: submission.author.accountCreatedAt }),
    },
    snapshot: {
      kind: submission.kind,
      version: submission.version,
      ...(submission.title === undefined ? {} : { title: submission.title.slice(0, KEPT_CHARACTERS) }),
      ...(submission.body === undefined ? {} : { body: submission.body.slice(0, KEPT_CHARACTERS) }),
      ...(submission.tags === undefined ? {} : { tags: submission.tags }),
      ...(submission.locale === undefined ? {} : { locale: submission.locale }),
      postedAt: submission.postedAt,
    },
    decision: verdict.decision,
    ruleSetVersion: verdict.ruleSetVersion,
    recordedAt: new Date(verdict.decidedAt).toISOString(),
    ruleIds: [...new Set([...verdict.reasons, ...verdict.shadowReasons].map((reason) => reason.ruleId))],
    ...(verdict.ml === undefined ? {} : { mlCalls: verdict.ml.models.length, mlCostUsd: verdict.ml.costUsd }),
  };
}
