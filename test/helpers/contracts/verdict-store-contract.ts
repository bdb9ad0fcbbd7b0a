import { describe, expect, it } from 'vitest';
import type { VerdictStore } from '#ports/verdict-store';
import { aVerdict } from '#test/helpers/verdicts';

/**
 * The behaviour every VerdictStore shares, run against each adapter so they cannot drift.
 * `createStore` gives a fresh, empty store per test.
 */
export function describeVerdictStoreContract(name: string, createStore: () => Promise<VerdictStore>): void {
  describe(name, () => {
    it('returns undefined when the content item was never decided', async () => {
      const store = await createStore();

      expect(await store.get('acme-market', 'listing-unknown')).toBeUndefined();
    });

    it('creates a verdict and shows it as latest when a version is first decided', async () => {
      const store = await createStore();
      const verdict = aVerdict();

      const recorded = await store.record(verdict);

      expect(recorded).toEqual({ created: true, verdict });
      expect(await store.get(verdict.tenant, verdict.contentId)).toEqual({
        latest: verdict,
        history: [verdict],
      });
    });

    it('keeps the first verdict and reports created false when the same version is recorded again', async () => {
      const store = await createStore();
      const first = aVerdict({ decision: 'allow', reasons: [], labels: [], review: undefined });
      const redelivered = aVerdict({ decidedAt: '2026-11-20T09:16:00.000Z' });
      await store.record(first);

      const recorded = await store.record(redelivered);

      expect(recorded).toEqual({ created: false, verdict: first });
      expect(await store.get(first.tenant, first.contentId)).toEqual({ latest: first, history: [first] });
    });

    it('creates exactly one verdict when 20 deliveries of one version race', async () => {
      const store = await createStore();
      const deliveries = Array.from({ length: 20 }, (_, index) =>
        aVerdict({ decidedAt: new Date(Date.UTC(2026, 10, 20, 9, 15, index)).toISOString() }),
      );

      const results = await Promise.all(deliveries.map((verdict) => store.record(verdict)));

      const created = results.filter((result) => result.created);
      expect(created).toHaveLength(1);
      for (const result of results) expect(result.verdict).toEqual(created[0]?.verdict);
      const stored = await store.get('acme-market', 'listing-8431');
      expect(stored?.history).toEqual([created[0]?.verdict]);
      expect(stored?.latest).toEqual(created[0]?.verdict);
    });

    it('makes a newer version latest and lists history oldest first when an item is edited', async () => {
      const store = await createStore();
      const original = aVerdict({ version: 1, decidedAt: '2026-11-20T09:15:00.000Z' });
      const edited = aVerdict({ version: 2, decision: 'block', decidedAt: '2026-11-20T10:00:00.000Z' });

      await store.record(original);
      const recorded = await store.record(edited);

      expect(recorded.created).toBe(true);
      expect(await store.get('acme-market', 'listing-8431')).toEqual({
        latest: edited,
        history: [original, edited],
      });
    });

    it('keeps the newer version latest when an older version arrives late', async () => {
      const store = await createStore();
      const newer = aVerdict({ version: 3, decision: 'allow', decidedAt: '2026-11-20T10:00:00.000Z' });
      const late = aVerdict({ version: 2, decision: 'block', decidedAt: '2026-11-20T10:05:00.000Z' });

      await store.record(newer);
      const recorded = await store.record(late);

      expect(recorded.created).toBe(true);
      expect(await store.get('acme-market', 'listing-8431')).toEqual({
        latest: newer,
        history: [late, newer],
      });
    });

    it('orders history by version when versions beyond nine are decided out of order', async () => {
      const store = await createStore();
      const versions = [12, 3, 10, 1, 2, 11];

      await Promise.all(
        versions.map((version) =>
          store.record(
            aVerdict({ version, decidedAt: new Date(Date.UTC(2026, 10, 20, 9, version)).toISOString() }),
          ),
        ),
      );

      const stored = await store.get('acme-market', 'listing-8431');
      expect(stored?.history.map((verdict) => verdict.version)).toEqual([1, 2, 3, 10, 11, 12]);
      expect(stored?.latest.version).toBe(12);
    });

    it('keeps the automatic and the moderator verdict of one version and shows the later as latest', async () => {
      const store = await createStore();
      const automatic = aVerdict({ decision: 'review' });
      const moderator = aVerdict({
        decision: 'block',
        decidedBy: { type: 'moderator', moderatorId: 'mod-yui' },
        decidedAt: '2026-11-20T11:00:00.000Z',
      });

      await store.record(automatic);
      const recorded = await store.record(moderator);

      expect(recorded.created).toBe(true);
      expect(await store.get('acme-market', 'listing-8431')).toEqual({
        latest: moderator,
        history: [automatic, moderator],
      });
    });

    it('keeps tenants apart when two tenants use the same content id', async () => {
      const store = await createStore();
      const acme = aVerdict({ tenant: 'acme-market', decision: 'allow' });
      const sakura = aVerdict({ tenant: 'sakura-jobs', decision: 'block' });

      await store.record(acme);
      await store.record(sakura);

      expect((await store.get('acme-market', 'listing-8431'))?.latest.decision).toBe('allow');
      expect((await store.get('sakura-jobs', 'listing-8431'))?.latest.decision).toBe('block');
    });

    it('returns copies that a caller cannot use to change what is stored', async () => {
      const store = await createStore();
      const verdict = aVerdict();
      const recorded = await store.record(verdict);

      recorded.verdict.labels.push('tampered');
      verdict.labels.push('tampered-input');
      const read = await store.get(verdict.tenant, verdict.contentId);
      read?.latest.reasons.splice(0);

      expect((await store.get(verdict.tenant, verdict.contentId))?.latest).toEqual(aVerdict());
    });
  });
}
