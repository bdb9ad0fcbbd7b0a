import { describe, expect, it } from 'vitest';
import type { ItemKey } from '#local/load/load-mix';
import { itemKeyOf } from '#local/load/load-mix';
import { type LoadLedger, percentile, reconcile } from '#local/load/reconcile';
import type { ItemVerdicts } from '#local/load/verdict-census';

const SENT_AT = Date.parse('2026-11-20T00:00:00Z');

function ledgerOf(items: ItemKey[], malformed: string[] = []): LoadLedger {
  return {
    sent: items.length + malformed.length,
    repeats: 0,
    items: new Map(items.map((item, index) => [itemKeyOf(item), { item, firstSentAtMs: SENT_AT + index }])),
    malformed: new Map(malformed.map((messageId) => [messageId, SENT_AT])),
    validMessageIds: new Set(items.map((key) => `message-${key.contentId}`)),
  };
}

const item = (contentId: string): ItemKey => ({ tenant: 'acme-market', contentId, version: 1 });
const decided = (count: number, afterMs = 100): ItemVerdicts => ({ count, decidedAtMs: SENT_AT + afterMs });

describe('reconcile', () => {
  it('finds nothing lost or decided twice when every item has one verdict and every malformed message its DLQ reason', () => {
    const items = [item('a'), item('b')];
    const report = reconcile(ledgerOf(items, ['m-1']), {
      verdicts: new Map(items.map((key) => [itemKeyOf(key), decided(1)])),
      deadLettered: new Map([['m-1', true]]),
    });
    expect(report).toMatchObject({ sent: 3, valid: 2, verdicts: 2, dlq: 1, lost: 0, duplicates: 0 });
  });

  it('counts an item without a verdict and a malformed message missing from the DLQ as lost', () => {
    const report = reconcile(ledgerOf([item('a'), item('b')], ['m-1', 'm-2']), {
      verdicts: new Map([[itemKeyOf(item('a')), decided(1)]]),
      deadLettered: new Map([['m-1', true]]),
    });
    expect(report).toMatchObject({ verdicts: 1, dlq: 1, lost: 2, missingVerdicts: 1, missingFromDlq: 1 });
  });

  it('tells how many messages with valid items ended in the DLQ', () => {
    const report = reconcile(ledgerOf([item('a'), item('b')]), {
      verdicts: new Map([[itemKeyOf(item('a')), decided(1)]]),
      deadLettered: new Map([['message-b', true]]),
    });
    expect(report).toMatchObject({ lost: 1, deadLetteredValid: 1 });
  });

  it('counts a dead-lettered message whose reason is gone as lost, and one not looked up as found', () => {
    const report = reconcile(ledgerOf([], ['m-1', 'm-2']), {
      verdicts: new Map(),
      deadLettered: new Map<string, boolean | undefined>([
        ['m-1', false],
        ['m-2', undefined],
      ]),
    });
    expect(report).toMatchObject({ dlq: 1, lost: 1 });
  });

  it('counts an item with two verdicts for its version as a duplicate', () => {
    const report = reconcile(ledgerOf([item('a')]), {
      verdicts: new Map([[itemKeyOf(item('a')), decided(2)]]),
      deadLettered: new Map(),
    });
    expect(report).toMatchObject({ verdicts: 1, duplicates: 1, lost: 0 });
  });

  it('measures latency from the first send to the stored decision', () => {
    const items = Array.from({ length: 100 }, (_, index) => item(`i-${index}`));
    const ledger = ledgerOf(items);
    const verdicts = new Map(
      items.map((key, index) => [
        itemKeyOf(key),
        { count: 1, decidedAtMs: SENT_AT + index + (index + 1) * 10 },
      ]),
    );
    const report = reconcile(ledger, { verdicts, deadLettered: new Map() });
    expect(report).toMatchObject({ p50Ms: 500, p95Ms: 950, p99Ms: 990 });
  });
});

describe('percentile', () => {
  it('answers with the nearest rank, and null when there is nothing to rank', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(20);
    expect(percentile([10, 20, 30, 40], 0.99)).toBe(40);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});
