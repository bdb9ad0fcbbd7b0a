import { describe, expect, it } from 'vitest';
import { budgetDay } from '#core/budget/daily-budget';
import { InvalidBudgetRequestError } from '#core/budget/errors';
import type { Clock } from '#ports/clock';
import type { MlBudget, MlBudgetCaps } from '#ports/ml-budget';
import { ManualClock } from '#test/helpers/manual-clock';

const START = '2026-11-20T23:30:00.000Z';

/**
 * The behaviour every MlBudget shares, run against each adapter so they cannot drift.
 * `createBudget` gives a fresh budget with no units spent, reading the day from the clock it is given.
 */
export function describeMlBudgetContract(
  name: string,
  createBudget: (caps: MlBudgetCaps, clock: Clock) => Promise<MlBudget>,
): void {
  describe(name, () => {
    it('grants reservations while they fit under the cap and counts their units', async () => {
      const clock = new ManualClock(START);
      const budget = await createBudget({ dailyUnits: 10 }, clock);

      const first = await budget.reserve('acme-market', 3);
      const second = await budget.reserve('acme-market', 7);

      expect(first).toMatchObject({ granted: true, usedUnits: 3, capUnits: 10, day: budgetDay(clock.now()) });
      expect(second).toMatchObject({ granted: true, usedUnits: 10 });
      expect(await budget.usedUnits('acme-market', budgetDay(clock.now()))).toBe(10);
    });

    it('refuses a reservation that would pass the cap and counts nothing for it', async () => {
      const clock = new ManualClock(START);
      const budget = await createBudget({ dailyUnits: 10 }, clock);
      await budget.reserve('acme-market', 8);

      const refused = await budget.reserve('acme-market', 3);

      expect(refused).toMatchObject({ granted: false, units: 3, capUnits: 10 });
      expect(await budget.usedUnits('acme-market', budgetDay(clock.now()))).toBe(8);
      expect(await budget.reserve('acme-market', 2)).toMatchObject({ granted: true, usedUnits: 10 });
    });

    it('refuses a first reservation larger than the whole cap', async () => {
      const clock = new ManualClock(START);
      const budget = await createBudget({ dailyUnits: 5 }, clock);

      expect(await budget.reserve('acme-market', 6)).toMatchObject({ granted: false });
      expect(await budget.usedUnits('acme-market', budgetDay(clock.now()))).toBe(0);
    });

    it('grants exactly as many concurrent reservations as the cap holds', async () => {
      const clock = new ManualClock(START);
      const budget = await createBudget({ dailyUnits: 30 }, clock);

      const reservations = await Promise.all(
        Array.from({ length: 25 }, () => budget.reserve('acme-market', 3)),
      );

      expect(reservations.filter((reservation) => reservation.granted)).toHaveLength(10);
      expect(await budget.usedUnits('acme-market', budgetDay(clock.now()))).toBe(30);
    });

    it('keeps each tenant to its own cap when caps name tenants', async () => {
      const clock = new ManualClock(START);
      const budget = await createBudget({ dailyUnits: 6, tenants: { 'sakura-jobs': 0 } }, clock);

      expect(await budget.reserve('acme-market', 6)).toMatchObject({ granted: true, capUnits: 6 });
      expect(await budget.reserve('sakura-jobs', 3)).toMatchObject({ granted: false, capUnits: 0 });
      expect(await budget.reserve('kaigo-forum', 6)).toMatchObject({ granted: true, usedUnits: 6 });
    });

    it('starts a fresh budget when the UTC day changes', async () => {
      const clock = new ManualClock(START);
      const budget = await createBudget({ dailyUnits: 3 }, clock);
      const today = budgetDay(clock.now());
      await budget.reserve('acme-market', 3);

      clock.advanceDays(1);
      const tomorrow = await budget.reserve('acme-market', 3);

      expect(tomorrow).toMatchObject({ granted: true, usedUnits: 3 });
      expect(tomorrow.day).not.toBe(today);
      expect(await budget.usedUnits('acme-market', today)).toBe(3);
    });

    it('rejects a reservation of no units, or of part of one, naming the field', async () => {
      const budget = await createBudget({ dailyUnits: 10 }, new ManualClock(START));

      await expect(budget.reserve('acme-market', 0)).rejects.toThrow(InvalidBudgetRequestError);
      await expect(budget.reserve('acme-market', 1.5)).rejects.toMatchObject({ field: 'units' });
    });
  });
}
