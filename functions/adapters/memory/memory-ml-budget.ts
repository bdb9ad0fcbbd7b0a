import { SystemClock } from '#adapters/system/system-clock';
import { budgetDay, dailyCapFor, validateCaps, validateReservation } from '#core/budget/daily-budget';
import type { Clock } from '#ports/clock';
import type { MlBudget, MlBudgetCaps, MlBudgetReservation } from '#ports/ml-budget';

/** ML budgets in memory, for the local runtime and tests; one process's reservations only. */
export class MemoryMlBudget implements MlBudget {
  readonly #caps: MlBudgetCaps;
  readonly #clock: Clock;
  readonly #used = new Map<string, number>();

  constructor(caps: MlBudgetCaps, clock: Clock = new SystemClock()) {
    this.#caps = validateCaps(caps);
    this.#clock = clock;
  }

  async reserve(tenant: string, units: number): Promise<MlBudgetReservation> {
    validateReservation(tenant, units);
    const day = budgetDay(this.#clock.now());
    const capUnits = dailyCapFor(this.#caps, tenant);
    const key = `${tenant}#${day}`;
    const used = this.#used.get(key) ?? 0;
    const granted = used + units <= capUnits;
    if (granted) this.#used.set(key, used + units);
    return { granted, tenant, day, units, capUnits, usedUnits: granted ? used + units : used };
  }

  async usedUnits(tenant: string, day: string): Promise<number> {
    return this.#used.get(`${tenant}#${day}`) ?? 0;
  }
}
