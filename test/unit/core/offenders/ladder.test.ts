import { describe, expect, it } from 'vitest';
import { emptyStatus } from '#core/offenders/enforcement-projection';
import { enforcementInForce, ladderStanding, nextCrossing } from '#core/offenders/ladder';
import { activeStrikeTotal, decayMs, strikeForVerdict } from '#core/offenders/strikes';
import type { UserStatus } from '#ports/offender-store';
import { anOffenderPolicy, aStrike } from '#test/helpers/offenders';
import { aVerdict } from '#test/helpers/verdicts';

const policy = anOffenderPolicy();
const DECAY = decayMs(policy.strikes);
const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

function standingAt(level: UserStatus['ladder']['level'], atMs: number): UserStatus {
  return { ...emptyStatus(), ladder: { level, atMs } };
}

describe('activeStrikeTotal', () => {
  it('counts a strike up to the last millisecond of its window and not at its end', () => {
    const strikes = [aStrike(at(T0), { weight: 2 })];

    expect(activeStrikeTotal(strikes, T0, DECAY)).toBe(2);
    expect(activeStrikeTotal(strikes, T0 + DECAY - 1, DECAY)).toBe(2);
    expect(activeStrikeTotal(strikes, T0 + DECAY, DECAY)).toBe(0);
  });

  it('leaves out a strike a moderator removed', () => {
    const removed = aStrike(at(T0), {
      removed: {
        at: at(T0 + 1_000),
        by: { type: 'moderator', moderatorId: 'mod-yui' },
        reason: 'overturned',
      },
    });

    expect(activeStrikeTotal([removed, aStrike(at(T0))], T0 + 2_000, DECAY)).toBe(1);
  });
});

describe('strikeForVerdict', () => {
  it('weighs an automated block by its most severe live block rule when shadow and review rules also matched', () => {
    const verdict = aVerdict({
      decision: 'block',
      review: undefined,
      reasons: [
        {
          ruleId: 'a',
          clause: 'c1',
          severity: 'critical',
          status: 'live',
          action: { type: 'review', queue: 'q', priority: 'P1' },
          spans: [],
        },
        { ruleId: 'b', clause: 'c2', severity: 'high', status: 'live', action: { type: 'block' }, spans: [] },
      ],
      shadowReasons: [
        {
          ruleId: 'c',
          clause: 'c3',
          severity: 'critical',
          status: 'shadow',
          action: { type: 'block' },
          spans: [],
        },
      ],
    });

    const strike = strikeForVerdict(verdict, 'user-31337', policy.strikes);

    expect(strike).toMatchObject({ severity: 'high', weight: 2, ruleIds: ['b'], clauses: ['c2'] });
  });

  it('gives no strike when the verdict only sends the item to review', () => {
    expect(strikeForVerdict(aVerdict(), 'user-31337', policy.strikes)).toBeUndefined();
  });

  it('counts a moderator removal even when the verdict names no rule', () => {
    const verdict = aVerdict({
      decision: 'block',
      reasons: [],
      decidedBy: { type: 'moderator', moderatorId: 'mod-yui' },
    });

    expect(strikeForVerdict(verdict, 'user-31337', policy.strikes)).toMatchObject({
      severity: 'medium',
      weight: 1,
      decidedBy: { type: 'moderator', moderatorId: 'mod-yui' },
    });
  });
});

describe('nextCrossing', () => {
  it('warns when the third strike reaches the first rung', () => {
    const strikes = [aStrike(at(T0)), aStrike(at(T0 + 1)), aStrike(at(T0 + 2))];

    expect(nextCrossing(undefined, strikes, T0 + 3, policy)).toMatchObject({
      step: { action: 'warn' },
      strikes: 3,
    });
    expect(nextCrossing(undefined, strikes.slice(0, 2), T0 + 3, policy)).toBeUndefined();
  });

  it('applies only the harshest rung when one heavy strike jumps over several', () => {
    const strikes = [aStrike(at(T0)), aStrike(at(T0 + 1), { weight: 8 })];

    expect(nextCrossing(undefined, strikes, T0 + 2, policy)?.step.action).toBe('suspend');
  });

  it('does nothing more while the strikes stay on the rung already applied', () => {
    const strikes = [aStrike(at(T0)), aStrike(at(T0 + 1)), aStrike(at(T0 + 2)), aStrike(at(T0 + 10))];

    expect(nextCrossing(standingAt('warn', T0 + 5), strikes, T0 + 11, policy)).toBeUndefined();
  });

  it('warns again when the strikes decayed below the rung and then reached it again', () => {
    const old = [aStrike(at(T0)), aStrike(at(T0 + 1)), aStrike(at(T0 + 2))];
    const later = T0 + DECAY + 10;
    const fresh = [aStrike(at(later)), aStrike(at(later + 1)), aStrike(at(later + 2))];

    expect(ladderStanding({ level: 'warn', atMs: T0 + 3 }, [...old, ...fresh], later + 3, policy)).toBe(
      'none',
    );
    expect(nextCrossing(standingAt('warn', T0 + 3), [...old, ...fresh], later + 3, policy)?.step.action).toBe(
      'warn',
    );
  });

  it('keeps the rung when strikes decay but new ones arrived first, so the total never dipped below it', () => {
    const old = [aStrike(at(T0)), aStrike(at(T0 + 1)), aStrike(at(T0 + 2))];
    const before = T0 + DECAY - 100;
    const fresh = [aStrike(at(before)), aStrike(at(before + 1)), aStrike(at(before + 2))];

    expect(ladderStanding({ level: 'warn', atMs: T0 + 3 }, [...old, ...fresh], T0 + DECAY + 10, policy)).toBe(
      'warn',
    );
  });

  it('never applies a lighter rung than a suspension a lead put in force', () => {
    const status: UserStatus = {
      ...emptyStatus(),
      sequence: 1,
      enforcement: { action: 'suspend', sinceMs: T0 },
      ladder: { level: 'none', atMs: T0 },
    };
    const strikes = [
      aStrike(at(T0 + 1)),
      aStrike(at(T0 + 2)),
      aStrike(at(T0 + 3)),
      aStrike(at(T0 + 4)),
      aStrike(at(T0 + 5)),
    ];

    expect(nextCrossing(status, strikes, T0 + 6, policy)).toBeUndefined();
  });
});

describe('enforcementInForce', () => {
  it('leaves a user warned once a restriction has run out', () => {
    const restricted = { action: 'restrict' as const, sinceMs: T0, restrictedUntilMs: T0 + 1_000 };

    expect(enforcementInForce(restricted, T0 + 999)).toBe('restrict');
    expect(enforcementInForce(restricted, T0 + 1_000)).toBe('warn');
    expect(enforcementInForce(undefined, T0)).toBe('none');
  });
});
