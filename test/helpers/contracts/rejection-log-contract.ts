import { describe, expect, it } from 'vitest';
import type { Clock } from '#ports/clock';
import type { Rejection, RejectionLog } from '#ports/rejection-log';
import { ManualClock } from '#test/helpers/manual-clock';

function aRejection(overrides: Partial<Rejection> = {}): Rejection {
  return {
    messageId: '0d3f6c2e-5b7a-4f1e-9d2c-8a1b3c4d5e6f',
    reason: 'invalid submission: kind: Invalid input',
    issues: [{ path: 'kind', message: 'Invalid input' }],
    tenant: 'acme-market',
    contentId: 'listing-8431',
    rejectedAt: '2026-11-20T09:15:00.000Z',
    ...overrides,
  };
}

/**
 * The behaviour every RejectionLog shares, run against each adapter so they cannot drift.
 * `createLog` gives a fresh, empty log reading time from the clock it is given.
 */
export function describeRejectionLogContract(
  name: string,
  createLog: (clock: Clock) => Promise<RejectionLog>,
): void {
  describe(name, () => {
    it('finds a rejection by its message id when it was recorded', async () => {
      const log = await createLog(new ManualClock('2026-11-20T09:20:00.000Z'));
      const rejection = aRejection();

      await log.record(rejection);

      expect(await log.get(rejection.messageId)).toEqual(rejection);
    });

    it('keeps a rejection without tenant or content id when the body named neither', async () => {
      const log = await createLog(new ManualClock('2026-11-20T09:20:00.000Z'));
      const rejection = aRejection({ reason: 'message body is not JSON', issues: [] });
      delete rejection.tenant;
      delete rejection.contentId;

      await log.record(rejection);

      expect(await log.get(rejection.messageId)).toEqual(rejection);
    });

    it('returns undefined when no rejection has that message id', async () => {
      const log = await createLog(new ManualClock('2026-11-20T09:20:00.000Z'));
      await log.record(aRejection());

      expect(await log.get('5e0c3b7a-0000-4000-8000-000000000000')).toBeUndefined();
    });

    it('keeps one rejection with the latest reason when a message is refused on each receive', async () => {
      const log = await createLog(new ManualClock('2026-11-20T09:20:00.000Z'));
      await log.record(aRejection());
      const again = aRejection({
        reason: 'tenant acme-market has no signal key',
        issues: [],
        rejectedAt: '2026-11-20T09:16:00.000Z',
      });

      await log.record(again);

      expect(await log.get(again.messageId)).toEqual(again);
    });

    it('forgets a rejection when the dead-letter copy it explains has expired', async () => {
      const clock = new ManualClock('2026-11-20T09:20:00.000Z');
      const log = await createLog(clock);
      await log.record(aRejection());

      clock.advanceDays(13);
      expect(await log.get(aRejection().messageId)).toBeDefined();
      clock.advanceDays(1);
      expect(await log.get(aRejection().messageId)).toBeUndefined();
    });
  });
}
