import type { ReviewRequest } from '#schemas/review-request';
import type { Submission } from '#schemas/submission';
import type { Verdict } from '#schemas/verdict';

/** How much text a case keeps: a queue message and a case item must stay well inside their size limits. */
const SNAPSHOT_CHARACTERS = 20_000;

/**
 * What a decided submission sends to people: a borderline verdict with its content as decided, and a
 * user report as a report of its target (the reporter is the report's author). Never identity signals.
 */
export function reviewRequestsFor(submission: Submission, verdict: Verdict): ReviewRequest[] {
  const requests: ReviewRequest[] = [];
  if (verdict.decision === 'review') {
    requests.push({
      type: 'verdict',
      verdict,
      snapshot: {
        kind: submission.kind,
        version: submission.version,
        ...(submission.title === undefined ? {} : { title: submission.title.slice(0, SNAPSHOT_CHARACTERS) }),
        ...(submission.body === undefined ? {} : { body: submission.body.slice(0, SNAPSHOT_CHARACTERS) }),
        ...(submission.tags === undefined ? {} : { tags: submission.tags }),
        ...(submission.locale === undefined ? {} : { locale: submission.locale }),
        postedAt: submission.postedAt,
      },
      author: {
        userId: submission.author.userId,
        ...(submission.author.accountCreatedAt === undefined
          ? {}
          : { accountCreatedAt: submission.author.accountCreatedAt }),
      },
    });
  }
  if (submission.kind === 'report') {
    const { target } = submission;
    requests.push({
      type: 'report',
      tenant: submission.tenant,
      subject:
        target.contentId !== undefined
          ? { type: 'content', contentId: target.contentId }
          : { type: 'user', userId: target.userId as string },
      report: {
        reportId: submission.contentId,
        reporterId: submission.author.userId,
        reasonCode: submission.reasonCode,
        reportedAt: submission.postedAt,
        ...(submission.body === undefined ? {} : { note: submission.body.slice(0, 2_000) }),
      },
    });
  }
  return requests;
}
