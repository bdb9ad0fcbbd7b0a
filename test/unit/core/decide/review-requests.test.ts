import { describe, expect, it } from 'vitest';
import { reviewRequestsFor } from '#core/decide/review-requests';
import { aSubmission } from '#test/helpers/submissions';
import { aVerdict } from '#test/helpers/verdicts';

describe('reviewRequestsFor', () => {
  it('sends a borderline verdict with the text as decided and the author without signals', () => {
    const listing = aSubmission('listing');
    const [request] = reviewRequestsFor(listing, aVerdict({ contentId: listing.contentId }));

    expect(request).toMatchObject({
      type: 'verdict',
      snapshot: { kind: 'listing', version: 1, title: listing.title, body: listing.body },
      author: { userId: listing.author.userId, accountCreatedAt: listing.author.accountCreatedAt },
    });
    expect(JSON.stringify(request)).not.toContain('signals');
  });

  it('sends nothing for content the rules allowed or blocked', () => {
    expect(reviewRequestsFor(aSubmission('listing'), aVerdict({ decision: 'allow' }))).toEqual([]);
    expect(reviewRequestsFor(aSubmission('listing'), aVerdict({ decision: 'block' }))).toEqual([]);
  });

  it('sends a user report as a report of its target content, the reporter being its author', () => {
    const report = aSubmission('report');
    const [request] = reviewRequestsFor(report, aVerdict({ decision: 'allow', kind: 'report' }));

    expect(request).toEqual({
      type: 'report',
      tenant: report.tenant,
      subject: { type: 'content', contentId: 'message-44120' },
      report: {
        reportId: report.contentId,
        reporterId: report.author.userId,
        reasonCode: 'off-platform-contact',
        reportedAt: report.postedAt,
        note: report.body,
      },
    });
  });
});
