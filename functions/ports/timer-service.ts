import type { SlaTimer } from '#core/review/sla-timers';

/**
 * Arms and removes SLA timers. Arming a timer twice makes one (timers have stable names); removing one
 * that already fired or never existed is harmless. A fired timer calls the SLA use case, which fires
 * nothing for a closed case or a superseded arming.
 */
export interface TimerService {
  arm(timers: readonly SlaTimer[]): Promise<void>;
  cancel(timers: readonly SlaTimer[]): Promise<void>;
}
