/** Daily ML units per tenant: `dailyUnits` for every tenant unless `tenants` names its own cap. */
export interface MlBudgetCaps {
  dailyUnits: number;
  tenants?: Readonly<Record<string, number>>;
}

/** The outcome of a reservation: granted units are counted against the tenant's day before any call. */
export interface MlBudgetReservation {
  granted: boolean;
  tenant: string;
  /** The UTC day (`yyyy-mm-dd`) the units count against. */
  day: string;
  units: number;
  capUnits: number;
  /** Units counted for the day after this reservation; when refused, as far as the store reports it. */
  usedUnits?: number;
}

/**
 * Caps what a tenant spends on paid ML per UTC day. `reserve` is atomic: concurrent reservations never
 * take a tenant past its cap, and a refused one counts nothing.
 */
export interface MlBudget {
  reserve(tenant: string, units: number): Promise<MlBudgetReservation>;
  /** Units counted for a tenant on a UTC day (`yyyy-mm-dd`); 0 when none. */
  usedUnits(tenant: string, day: string): Promise<number>;
}
