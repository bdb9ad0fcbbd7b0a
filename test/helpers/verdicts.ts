import type { Verdict } from '#schemas/verdict';

/** A valid automatic verdict on version 1 of a listing; override what the test is about. */
export function aVerdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    tenant: 'acme-market',
    contentId: 'listing-8431',
    version: 1,
    kind: 'listing',
    decision: 'review',
    reasons: [
      {
        ruleId: 'off-platform-contact',
        clause: 'guidelines/3.2',
        severity: 'medium',
        status: 'live',
        action: { type: 'review', queue: 'contact-details', priority: 'P2' },
        spans: [{ field: 'body', start: 12, end: 19 }],
      },
    ],
    shadowReasons: [],
    labels: ['contact-details'],
    review: { queue: 'contact-details', priority: 'P2' },
    decidedBy: { type: 'auto' },
    decidedAt: '2026-11-20T09:15:00.000Z',
    ruleSetVersion: 'rs-2026-11-20.1',
    ...overrides,
  };
}
