import { describe, expect, it } from 'vitest';
import { MemoryOffenderStore } from '#adapters/memory/memory-offender-store';
import { enforceUser } from '#core/offenders/enforce-user';
import { NothingToEnforceError } from '#core/offenders/errors';
import { escalate } from '#core/offenders/escalate';
import { aSignal } from '#test/helpers/contracts/offender-store-contract';
import { anOffenderPolicy, aStrike } from '#test/helpers/offenders';

const TENANT = 'acme-market';
const USER = 'user-31337';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const target = { tenant: TENANT, userId: USER };

async function strikesAt(store: MemoryOffenderStore, count: number, weight = 1): Promise<void> {
  for (let index = 0; index < count; index++) {
    await store.addStrike(aStrike(new Date(T0 + index).toISOString(), { weight }));
  }
}

describe('escalate', () => {
  it('holds an automated suspension for review when the daily cap is spent, and asks only once', async () => {
    const store = new MemoryOffenderStore();
    const policy = anOffenderPolicy({ dailyCaps: { suspend: 0, ban: 0 } });
    await strikesAt(store, 8);
    const now = new Date(T0 + 60_000);

    const held = await escalate(target, undefined, { store, policy, now });
    await store.addStrike(aStrike(new Date(T0 + 100).toISOString()));
    const again = await escalate(target, undefined, { store, policy, now });

    expect(held?.event).toMatchObject({
      type: 'enforcement.review_requested',
      action: 'suspend',
      reason:
        "8 active strikes reached the suspend threshold of 8, but the tenant's daily cap of automated suspends is spent",
    });
    expect(again).toBeUndefined();
    const { status } = await store.readAuthor(TENANT, USER, 0);
    expect(status?.enforcement.action).toBe('none');
  });

  it('applies an automated ban within the cap and marks the banned user on each of their signals', async () => {
    const store = new MemoryOffenderStore();
    const device = aSignal('device', 'd');
    await store.rememberAuthor(TENANT, USER, { atMs: T0, signals: [device] });
    await strikesAt(store, 12);

    const banned = await escalate(
      target,
      { contentId: 'listing-9', version: 2 },
      {
        store,
        policy: anOffenderPolicy(),
        now: new Date(T0 + 60_000),
      },
    );

    expect(banned?.event).toMatchObject({
      type: 'enforcement.applied',
      action: 'ban',
      cause: { contentId: 'listing-9', version: 2 },
    });
    expect((await store.findSignalLinks(TENANT, [device]))[0]?.enforced).toEqual([
      { userId: USER, level: 'ban' },
    ]);
  });
});

describe('enforceUser', () => {
  it('records a lead lift, clears the marks, and escalates again only on a new crossing', async () => {
    const store = new MemoryOffenderStore();
    const policy = anOffenderPolicy();
    const device = aSignal('device', 'd');
    await store.rememberAuthor(TENANT, USER, { atMs: T0, signals: [device] });
    await strikesAt(store, 8);
    const now = new Date(T0 + 60_000);
    await escalate(target, undefined, { store, policy, now });

    const lift = await enforceUser(
      target,
      { action: 'lift', reason: 'appeal granted', moderatorId: 'lead-mina' },
      { store, policy, now },
    );
    const marksAfterLift = (await store.findSignalLinks(TENANT, [device]))[0]?.enforced;
    const sameStrikes = await escalate(target, undefined, { store, policy, now });
    await strikesAt(store, 4);
    const newCrossing = await escalate(target, undefined, { store, policy, now });

    expect(lift).toMatchObject({
      action: 'lift',
      sequence: 2,
      decidedBy: { type: 'moderator', moderatorId: 'lead-mina' },
    });
    expect(marksAfterLift).toEqual([]);
    expect(sameStrikes).toBeUndefined();
    expect(newCrossing?.event).toMatchObject({ action: 'ban', strikes: 12 });
  });

  it('refuses to lift enforcement from a user who has none', async () => {
    await expect(
      enforceUser(
        target,
        { action: 'lift', reason: 'appeal granted', moderatorId: 'lead-mina' },
        { store: new MemoryOffenderStore(), policy: anOffenderPolicy(), now: new Date(T0) },
      ),
    ).rejects.toThrow(NothingToEnforceError);
  });
});
