import { describe, expect, it } from 'vitest';
import type { EnforcementRecord, OffenderStore, SignalRef } from '#ports/offender-store';
import type { HashedSignal } from '#schemas/submission';
import { aStrike } from '#test/helpers/offenders';

const TENANT = 'acme-market';
const USER = 'user-31337';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');

/** A hashed signal of one letter repeated, so tests read which one is which. */
export function aSignal(name: SignalRef['name'], letter: string): SignalRef {
  return { name, hash: `hmac-sha256:${letter.repeat(64)}` as HashedSignal };
}

function anEnforcement(sequence: number, action: 'warn' | 'ban' | 'lift', userId = USER): EnforcementRecord {
  return {
    event: {
      eventId: `${TENANT}:user:${userId}:enforcement:${sequence}`,
      type: 'enforcement.applied',
      occurredAt: new Date(T0 + sequence).toISOString(),
      tenant: TENANT,
      userId,
      sequence,
      action,
      decidedBy: { type: 'moderator', moderatorId: 'lead-aiko' },
      reason: `${action} for the test`,
      strikes: 0,
    },
    ladder: { level: action === 'lift' ? 'none' : action, atMs: T0 + sequence },
  };
}

/**
 * The behaviour every OffenderStore shares, run against each adapter so they cannot drift.
 * `createStore` gives a fresh, empty store per test.
 */
export function describeOffenderStoreContract(name: string, createStore: () => Promise<OffenderStore>): void {
  describe(name, () => {
    it('keeps one strike per content version when the same strike is added again', async () => {
      const store = await createStore();
      const strike = aStrike(new Date(T0).toISOString());

      const first = await store.addStrike(strike);
      const again = await store.addStrike({ ...strike, weight: 5, at: new Date(T0 + 1_000).toISOString() });

      expect(first).toEqual({ created: true, strike });
      expect(again).toEqual({ created: false, strike });
      expect((await store.readAuthor(TENANT, USER, 0)).strikes).toEqual([strike]);
    });

    it('marks a strike removed once, and removes nothing for a version without a strike', async () => {
      const store = await createStore();
      const strike = aStrike(new Date(T0).toISOString());
      await store.addStrike(strike);
      const removal = {
        at: new Date(T0 + 60_000).toISOString(),
        by: { type: 'moderator' as const, moderatorId: 'mod-yui' },
        reason: 'a moderator overturned the block',
      };

      expect(await store.removeStrike(TENANT, USER, strike.contentId, 1, removal)).toBe(true);
      expect(await store.removeStrike(TENANT, USER, strike.contentId, 1, removal)).toBe(false);
      expect(await store.removeStrike(TENANT, USER, 'listing-never', 1, removal)).toBe(false);
      expect((await store.readAuthor(TENANT, USER, 0)).strikes).toEqual([{ ...strike, removed: removal }]);
    });

    it('returns the record already at a sequence instead of writing a second one there', async () => {
      const store = await createStore();
      const warn = anEnforcement(1, 'warn');

      expect(await store.appendEnforcement(warn)).toEqual({ created: true, record: warn });
      expect(await store.appendEnforcement(anEnforcement(1, 'ban'))).toEqual({
        created: false,
        record: warn,
      });
      expect(await store.enforcementHistory(TENANT, USER)).toEqual([warn.event]);
    });

    it('projects records in sequence order and ignores an older one applied late', async () => {
      const store = await createStore();
      const [warn, ban] = [anEnforcement(1, 'warn'), anEnforcement(2, 'ban')];

      await store.projectEnforcement(ban, [], 'unchanged');
      await store.projectEnforcement(warn, [], 'unchanged');

      const { status } = await store.readAuthor(TENANT, USER, 0);
      expect(status).toMatchObject({ sequence: 2, enforcement: { action: 'ban' }, ladder: ban.ladder });
    });

    it('counts the accounts carrying a signal and shows a banned one there until the ban is lifted', async () => {
      const store = await createStore();
      const device = aSignal('device', 'd');
      await store.rememberAuthor(TENANT, USER, { atMs: T0, signals: [device] });
      await store.rememberAuthor(TENANT, USER, { atMs: T0 + 1, signals: [device] });
      await store.rememberAuthor(TENANT, 'user-2', {
        atMs: T0 + 2,
        signals: [device, aSignal('email', 'e')],
      });

      await store.projectEnforcement(anEnforcement(1, 'ban'), [device], { level: 'ban' });
      const banned = await store.findSignalLinks(TENANT, [device]);
      await store.projectEnforcement(anEnforcement(2, 'lift'), [device], 'clear');
      const lifted = await store.findSignalLinks(TENANT, [device]);

      expect(banned).toEqual([{ signal: device, accounts: 2, enforced: [{ userId: USER, level: 'ban' }] }]);
      expect(lifted).toEqual([{ signal: device, accounts: 2, enforced: [] }]);
      const { status } = await store.readAuthor(TENANT, USER, 0);
      expect(status).toMatchObject({ firstSeenAtMs: T0, signals: [device] });
      expect(await store.accountsSharing(TENANT, [device], 10)).toEqual(
        expect.arrayContaining([
          { userId: USER, signal: 'device' },
          { userId: 'user-2', signal: 'device' },
        ]),
      );
    });

    it('marks a signal remembered while a ban was decided, whichever write lands first', async () => {
      const [banFirst, rememberFirst] = [await createStore(), await createStore()];
      const device = aSignal('device', 'd');
      const ban = anEnforcement(1, 'ban');

      await banFirst.projectEnforcement(ban, [], { level: 'ban' });
      await banFirst.rememberAuthor(TENANT, USER, { atMs: T0, signals: [device] });
      await rememberFirst.rememberAuthor(TENANT, USER, { atMs: T0, signals: [device] });
      await rememberFirst.projectEnforcement(ban, [], { level: 'ban' });

      for (const store of [banFirst, rememberFirst]) {
        expect((await store.findSignalLinks(TENANT, [device]))[0]?.enforced).toEqual([
          { userId: USER, level: 'ban' },
        ]);
      }
    });

    it('keeps one post per content version and reads only posts since the time asked', async () => {
      const store = await createStore();
      const post = { tenant: TENANT, userId: USER, kind: 'listing', version: 1 };
      await store.recordPost({ ...post, contentId: 'listing-old', postedAtMs: T0 - 3_600_000 });
      await store.recordPost({ ...post, contentId: 'listing-new', postedAtMs: T0 });
      await store.recordPost({ ...post, contentId: 'listing-new', postedAtMs: T0 });

      const { posts } = await store.readAuthor(TENANT, USER, T0 - 60_000);

      expect(posts.map((found) => found.contentId)).toEqual(['listing-new']);
      expect((await store.recentPosts(TENANT, USER, 10)).map((found) => found.contentId)).toEqual([
        'listing-new',
        'listing-old',
      ]);
    });

    it('reads only the latest posts asked for, and still every strike and the status', async () => {
      const store = await createStore();
      for (const minute of [1, 2, 3]) {
        await store.recordPost({
          tenant: TENANT,
          userId: USER,
          contentId: `listing-${minute}`,
          version: 1,
          kind: 'listing',
          postedAtMs: T0 + minute * 60_000,
        });
      }
      await store.addStrike(aStrike(new Date(T0).toISOString()));
      await store.rememberAuthor(TENANT, USER, { atMs: T0, signals: [] });

      const snapshot = await store.readAuthor(TENANT, USER, T0, 2);

      expect(snapshot.posts.map((post) => post.contentId).sort()).toEqual(['listing-2', 'listing-3']);
      expect(snapshot.strikes).toHaveLength(1);
      expect(snapshot.status?.firstSeenAtMs).toBe(T0);
    });

    it('finds fingerprints under a shared band key within the window, newest first, one per user and minute', async () => {
      const store = await createStore();
      const mark = { tenant: TENANT, fingerprint: 'f'.repeat(128), expiresAtMs: T0 + 7_200_000 };
      await store.recordTextFingerprint({ ...mark, userId: 'user-a', bands: ['0:aa', '1:bb'], atMs: T0 });
      await store.recordTextFingerprint({ ...mark, userId: 'user-a', bands: ['0:aa'], atMs: T0 + 10_000 });
      await store.recordTextFingerprint({ ...mark, userId: 'user-a', bands: ['0:aa'], atMs: T0 + 60_000 });
      await store.recordTextFingerprint({ ...mark, userId: 'user-b', bands: ['0:aa'], atMs: T0 - 7_200_000 });
      await store.recordTextFingerprint({ ...mark, userId: 'user-c', bands: ['1:cc'], atMs: T0 });

      const found = await store.findTextFingerprints(TENANT, ['0:aa', '1:zz'], T0 - 3_600_000, 50);

      expect(found).toEqual([
        { userId: 'user-a', fingerprint: mark.fingerprint, atMs: T0 + 60_000 },
        { userId: 'user-a', fingerprint: mark.fingerprint, atMs: T0 + 10_000 },
      ]);
    });

    it('grants a daily cap up to its size, grants a repeated request again, and refuses past the cap', async () => {
      const store = await createStore();
      const reserve = (key: string) =>
        store.reserveDailyCap({ tenant: TENANT, action: 'ban', day: '2026-11-20', key, cap: 2 });

      expect(await reserve('u-1#1')).toBe(true);
      expect(await reserve('u-2#1')).toBe(true);
      expect(await reserve('u-1#1')).toBe(true);
      expect(await reserve('u-3#1')).toBe(false);
      expect(
        await store.reserveDailyCap({
          tenant: TENANT,
          action: 'ban',
          day: '2026-11-21',
          key: 'u-3#1',
          cap: 2,
        }),
      ).toBe(true);
    });
  });
}
