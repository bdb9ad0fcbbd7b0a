import { describe, expect, it } from 'vitest';
import { dashboardFigures } from '#core/dashboard/dashboard-figures';
import type { ReviewCase } from '#schemas/review-case';
import type { StoredContent } from '#schemas/stored-content';

const now = new Date('2026-01-01T12:30:00Z');

const stored = (
  recordedAt: string,
  decision: StoredContent['decision'],
  extra: Partial<StoredContent> = {},
) =>
  ({
    tenant: 'acme-market',
    contentId: `c-${recordedAt}`,
    author: { userId: 'u-1' },
    snapshot: { kind: 'listing', version: 1, body: 'text' },
    decision,
    ruleSetVersion: 'v',
    recordedAt,
    ...extra,
  }) satisfies StoredContent;

const decidedCase = (
  caseId: string,
  action: 'approve' | 'remove',
  options: { breached?: boolean; ruleId?: string; queue?: string } = {},
) =>
  ({
    caseId,
    queue: options.queue ?? 'scams',
    createdAt: '2026-01-01T10:00:00Z',
    breached: options.breached ?? false,
    reasons: [{ ruleId: options.ruleId ?? 'scam.wire' }],
    outcome: {
      action,
      moderatorId: 'mod-aiko',
      reasonCode: 'g 1',
      decidedAt: '2026-01-01T11:10:00Z',
      claimedAt: '2026-01-01T11:09:00Z',
    },
  }) as unknown as ReviewCase;

describe('dashboardFigures', () => {
  it('counts automatic decisions and ML use in the hour they were made', () => {
    const figures = dashboardFigures(
      [
        stored('2026-01-01T12:05:00Z', 'allow', { mlCalls: 1, mlCostUsd: 0.001 }),
        stored('2026-01-01T12:10:00Z', 'review', { ruleIds: ['scam.wire'] }),
        stored('2026-01-01T11:59:00Z', 'block'),
      ],
      [],
      { now, hours: 2 },
    );
    expect(figures.hours.map((hour) => hour.auto)).toEqual([
      { allow: 0, review: 0, block: 1 },
      { allow: 1, review: 1, block: 0 },
    ]);
    expect(figures.ml).toEqual({ calls: 1, costUsd: 0.001 });
  });

  it('reports SLA compliance, overturn rates and throughput when moderators decide cases', () => {
    const figures = dashboardFigures(
      [],
      [
        decidedCase('a', 'approve'),
        decidedCase('b', 'remove', { breached: true }),
        decidedCase('c', 'remove'),
      ],
      { now, hours: 3 },
    );
    expect(figures.slaByQueue).toEqual([{ queue: 'scams', decided: 3, withinSla: 2, compliance: 2 / 3 }]);
    expect(figures.rules).toEqual([
      { ruleId: 'scam.wire', hits: 0, reviewed: 3, overturned: 1, overturnRate: 1 / 3 },
    ]);
    expect(figures.moderators).toEqual([{ moderatorId: 'mod-aiko', decided: 3, averageHandlingSeconds: 60 }]);
  });

  it('sorts open cases into backlog age buckets by how long they have waited', () => {
    const open = (createdAt: string) =>
      ({ caseId: createdAt, createdAt, reasons: [] }) as unknown as ReviewCase;
    const figures = dashboardFigures([], [open('2026-01-01T12:00:00Z'), open('2025-12-31T06:00:00Z')], {
      now,
      hours: 1,
    });
    expect(figures.backlogAge.filter((bucket) => bucket.count > 0)).toEqual([
      { bucket: '<1h', count: 1 },
      { bucket: '1-3d', count: 1 },
    ]);
  });
});
