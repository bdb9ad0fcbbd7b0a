import type { MlBudgetCaps } from '#ports/ml-budget';
import { InvalidBudgetRequestError } from './errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day (`yyyy-mm-dd`) a moment's spending counts against. */
export function budgetDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The epoch second at which a day's counter may be deleted: `keepDays` after the day ends. */
export function budgetExpiresAt(day: string, keepDays: number): number {
  return Math.floor((Date.parse(`${day}T00:00:00.000Z`) + (1 + keepDays) * DAY_MS) / 1000);
}

/** A tenant's daily cap in units: its own when the caps name it, the default otherwise. */
export function dailyCapFor(caps: MlBudgetCaps, tenant: string): number {
  return caps.tenants?.[tenant] ?? caps.dailyUnits;
}

/** Checks caps once, when a budget is built, so a typo in configuration fails at start rather than per item. */
export function validateCaps(caps: MlBudgetCaps): MlBudgetCaps {
  assertUnitCount('dailyUnits', caps.dailyUnits);
  for (const [tenant, units] of Object.entries(caps.tenants ?? {}))
    assertUnitCount(`tenants.${tenant}`, units);
  return caps;
}

/** Checks the units of a reservation: a positive whole number. */
export function validateReservation(tenant: string, units: number): void {
  if (tenant.length === 0) throw new InvalidBudgetRequestError('tenant', 'must not be empty');
  assertUnitCount('units', units);
  if (units === 0) throw new InvalidBudgetRequestError('units', 'must be at least 1');
}

function assertUnitCount(field: string, units: number): void {
  if (!Number.isSafeInteger(units) || units < 0) {
    throw new InvalidBudgetRequestError(field, `expected a whole number of units, 0 or more, got ${units}`);
  }
}
