import type { Clock } from '#ports/clock';

/** When the breaker opens and how long it stays open. */
export interface CircuitBreakerSettings {
  /** Failures within `failureWindowMs` that open the breaker. */
  failureThreshold: number;
  failureWindowMs: number;
  /** How long an open breaker refuses calls before letting one trial call through. */
  coolDownMs: number;
}

/** closed: calls go ahead; open: calls are refused; half-open: one trial call decides which comes next. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker as a state machine over an injected clock: closed, open after `failureThreshold`
 * failures within `failureWindowMs`, half-open after `coolDownMs`, closed again when the trial call
 * succeeds and open again when it fails. It holds no timers, so it costs nothing while idle.
 */
export class CircuitBreaker {
  readonly #settings: CircuitBreakerSettings;
  readonly #clock: Clock;
  /** Times of recent failures while closed, oldest first, never more than the threshold. */
  #failures: number[] = [];
  #openedAt: number | undefined;
  /** When the current trial call started; a trial that never reports back frees its place after a cool-down. */
  #trialStartedAt: number | undefined;

  constructor(settings: CircuitBreakerSettings, clock: Clock) {
    this.#settings = settings;
    this.#clock = clock;
  }

  /** The state as of now; an open breaker reads half-open once its cool-down has passed. */
  state(): CircuitState {
    if (this.#openedAt === undefined) return 'closed';
    return this.#now() - this.#openedAt >= this.#settings.coolDownMs ? 'half-open' : 'open';
  }

  /** Asks to make a call: true when it may go ahead (in half-open, only for one trial call at a time). */
  tryAcquire(): boolean {
    const state = this.state();
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const now = this.#now();
    if (this.#trialStartedAt !== undefined && now - this.#trialStartedAt < this.#settings.coolDownMs)
      return false;
    this.#trialStartedAt = now;
    return true;
  }

  /** Reports a call that succeeded: a successful trial closes the breaker. */
  recordSuccess(): void {
    if (this.#openedAt === undefined) return;
    if (this.state() === 'half-open') this.#close();
  }

  /** Reports a call that failed: opens the breaker at the threshold, or again after a failed trial. */
  recordFailure(): void {
    const now = this.#now();
    if (this.#openedAt !== undefined) {
      if (this.state() === 'half-open') this.#open(now);
      return;
    }
    this.#failures = this.#failures.filter((failedAt) => now - failedAt < this.#settings.failureWindowMs);
    this.#failures.push(now);
    if (this.#failures.length >= this.#settings.failureThreshold) this.#open(now);
  }

  #open(now: number): void {
    this.#openedAt = now;
    this.#trialStartedAt = undefined;
    this.#failures = [];
  }

  #close(): void {
    this.#openedAt = undefined;
    this.#trialStartedAt = undefined;
    this.#failures = [];
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
