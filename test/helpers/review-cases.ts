import { readFileSync } from 'node:fs';
import type { CaseEventDraft } from '#core/review/case-event-draft';
import { applyCaseEvent } from '#core/review/case-projection';
import { parseReviewPolicy } from '#core/review/parse-review-policy';
import type { CaseEvent, CaseOpening, ReviewCase } from '#schemas/review-case';
import type { ReviewPolicy } from '#schemas/review-policy';

/** The repository's default review policy (policies/review/default.yaml). */
export function defaultReviewPolicy(): ReviewPolicy {
  const url = new URL('../../policies/review/default.yaml', import.meta.url);
  return parseReviewPolicy(readFileSync(url, 'utf8'), 'policies/review/default.yaml');
}

/** What a borderline listing's case opens with; override what the test is about. */
export function aCaseOpening(overrides: Partial<CaseOpening> = {}): CaseOpening {
  return {
    tenant: 'acme-market',
    caseId: 'c-listing-8431-v1',
    source: 'verdict',
    subject: { type: 'content', contentId: 'listing-8431' },
    queue: 'contact-exchange',
    priority: 'P2',
    createdAt: '2026-11-20T01:00:00.000Z',
    dueAt: '2026-11-20T02:00:00.000Z',
    warningAt: '2026-11-20T01:45:00.000Z',
    severity: 'medium',
    snapshot: {
      kind: 'listing',
      version: 1,
      title: '【美品】ニンテンドースイッチ',
      body: '詳しくはLINEで。ID: yuki_0821',
    },
    author: { userId: 'user-31337', accountCreatedAt: '2025-04-01T10:00:00+09:00' },
    reasons: [],
    verdictDecision: 'review',
    reportCount: 0,
    reporters: [],
    ...overrides,
  };
}

/** A case just opened from `opening`, at version 1. */
export function anOpenCase(overrides: Partial<CaseOpening> = {}): ReviewCase {
  const opening = aCaseOpening(overrides);
  return applyCaseEvent(undefined, {
    tenant: opening.tenant,
    caseId: opening.caseId,
    seq: 1,
    at: opening.createdAt,
    type: 'case.opened',
    actor: { type: 'system' },
    opening,
  });
}

/** Applies an event draft as the store would: numbered after the case's version. */
export function applyDraft(reviewCase: ReviewCase, draft: CaseEventDraft | undefined): ReviewCase {
  if (draft === undefined) return reviewCase;
  return applyCaseEvent(reviewCase, { ...draft, seq: reviewCase.version + 1 } as CaseEvent);
}
