import { type SlaTimer, timerName } from '#core/review/sla-timers';
import type { Clock } from '#ports/clock';
import type { TimerService } from '#ports/timer-service';

export interface InProcessTimerServiceOptions {
  clock: Clock;
  /** Runs a due timer; a rejection re-arms it `retryMs` later, as Scheduler retries a failed target. */
  onFire: (timer: SlaTimer) => Promise<void>;
  /** How often due timers are looked for, in real milliseconds; 250 by default. */
  pollMs?: number;
  /** How long after a failed firing it is tried again, on the clock; a minute by default. */
  retryMs?: number;
  onError?: (error: unknown, timer: SlaTimer) => void;
}

/**
 * SLA timers in process memory with Scheduler's semantics: one timer per name, removal is harmless,
 * a failed firing is retried. Time is read from the injected clock on every poll, so a test or a fast
 * local clock moves timers without waiting. Memory only: the runtime re-arms them from open cases at start.
 */
export class InProcessTimerService implements TimerService {
  readonly #timers = new Map<string, SlaTimer>();
  readonly #firing = new Set<Promise<void>>();
  readonly #options: InProcessTimerServiceOptions;
  #interval: NodeJS.Timeout | undefined;

  constructor(options: InProcessTimerServiceOptions) {
    this.#options = options;
  }

  async arm(timers: readonly SlaTimer[]): Promise<void> {
    for (const timer of timers) this.#timers.set(timerName(timer), { ...timer });
  }

  async cancel(timers: readonly SlaTimer[]): Promise<void> {
    for (const timer of timers) this.#timers.delete(timerName(timer));
  }

  /** The timers armed and not yet fired. */
  get size(): number {
    return this.#timers.size;
  }

  /** Starts looking for due timers every `pollMs`. */
  start(): void {
    this.#interval ??= setInterval(() => void this.fireDue(), this.#options.pollMs ?? 250);
    this.#interval.unref();
  }

  /** Fires every timer due on the clock now, and waits for them. */
  async fireDue(): Promise<void> {
    const now = this.#options.clock.now().getTime();
    const due = [...this.#timers.entries()].filter(([, timer]) => Date.parse(timer.fireAt) <= now);
    for (const [name] of due) this.#timers.delete(name);
    await Promise.all(due.map(([name, timer]) => this.#fire(name, timer)));
  }

  /** Stops polling and waits for the firings in flight. */
  async stop(): Promise<void> {
    clearInterval(this.#interval);
    this.#interval = undefined;
    await Promise.all(this.#firing);
  }

  #fire(name: string, timer: SlaTimer): Promise<void> {
    const firing = this.#options.onFire(timer).catch((error: unknown) => {
      this.#options.onError?.(error, timer);
      const retryAt = this.#options.clock.now().getTime() + (this.#options.retryMs ?? 60_000);
      if (!this.#timers.has(name))
        this.#timers.set(name, { ...timer, fireAt: new Date(retryAt).toISOString() });
    });
    this.#firing.add(firing);
    return firing.finally(() => this.#firing.delete(firing));
  }
}
