import { z } from 'zod';
import { FaultPlanError } from './errors.ts';

const RateSchema = z.number().min(0).max(1);

/**
 * Which faults to inject and how often: each rate is the chance per SDK request (throttle, 5xx,
 * timeout) or per batch (crash); `restart` is how many times the worker is killed and restarted.
 */
export const FaultPlanSchema = z
  .object({
    throttle: RateSchema,
    serverError: RateSchema,
    timeout: RateSchema,
    crash: RateSchema,
    restart: z.number().int().min(0).max(100),
  })
  .strict();
export type FaultPlan = z.infer<typeof FaultPlanSchema>;

/** No faults at all. */
export const NO_FAULTS: FaultPlan = { throttle: 0, serverError: 0, timeout: 0, crash: 0, restart: 0 };

/** How many faults of each kind were injected so far. */
export type FaultCounts = { -readonly [Fault in keyof FaultPlan]: number };

/** A fresh tally with every count at zero. */
export function noFaultCounts(): FaultCounts {
  return { throttle: 0, serverError: 0, timeout: 0, crash: 0, restart: 0 };
}

/** The names `--faults` accepts, and the plan field each sets. */
const FAULT_NAMES: Readonly<Record<string, keyof FaultPlan>> = {
  throttle: 'throttle',
  '5xx': 'serverError',
  timeout: 'timeout',
  crash: 'crash',
  restart: 'restart',
};

/**
 * Reads `throttle=0.02,5xx=0.01,timeout=0.01,crash=0.01,restart=1`; names left out are 0. Throws
 * FaultPlanError naming the entry that is wrong.
 */
export function parseFaultPlan(text: string, defaults: FaultPlan = NO_FAULTS): FaultPlan {
  const plan: FaultPlan = { ...defaults };
  const seen = new Set<string>();
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [name = '', value, ...rest] = entry.split('=');
    const field = FAULT_NAMES[name.trim()];
    if (field === undefined) {
      throw new FaultPlanError(
        entry,
        `unknown fault; expected one of ${Object.keys(FAULT_NAMES).join(', ')}`,
      );
    }
    if (seen.has(field)) throw new FaultPlanError(entry, `${name} is given twice`);
    seen.add(field);
    const number = value === undefined || rest.length > 0 || value.trim() === '' ? Number.NaN : Number(value);
    const parsed = FaultPlanSchema.shape[field].safeParse(number);
    if (!parsed.success) {
      const expected =
        field === 'restart' ? 'a whole number of restarts from 0 to 100' : 'a rate from 0 to 1, such as 0.02';
      throw new FaultPlanError(entry, `expected ${name}=<${expected}>`);
    }
    plan[field] = parsed.data;
  }
  return plan;
}

/** The plan as `--faults` would spell it, listing only the faults it injects. */
export function formatFaultPlan(plan: FaultPlan): string {
  const parts = Object.entries(FAULT_NAMES)
    .filter(([, field]) => plan[field] > 0)
    .map(([name, field]) => `${name}=${plan[field]}`);
  return parts.length === 0 ? 'none' : parts.join(',');
}
