import type { Clock } from '#ports/clock';
import type { Delays } from '#ports/delays';

/**
 * A clock and timers a test moves by hand: `sleep` returns at once and moves the clock on by the time
 * slept, and a `timeout` signal aborts when `advance` moves the clock past it. Nothing really waits.
 */
export class FakeTime implements Clock, Delays {
  #nowMs: number;
  #timeouts: { abortAtMs: number; controller: AbortController }[] = [];
  /** Every sleep asked for, in order. */
  readonly sleeps: number[] = [];

  constructor(start: string) {
    this.#nowMs = Date.parse(start);
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.advance(ms);
  }

  timeout(ms: number): AbortSignal {
    const controller = new AbortController();
    this.#timeouts.push({ abortAtMs: this.#nowMs + ms, controller });
    return controller.signal;
  }

  /** Moves the clock on, aborting the timeouts that fall due. */
  advance(ms: number): void {
    this.#nowMs += ms;
    const due = this.#timeouts.filter((timeout) => timeout.abortAtMs <= this.#nowMs);
    this.#timeouts = this.#timeouts.filter((timeout) => timeout.abortAtMs > this.#nowMs);
    for (const { controller } of due) controller.abort(new DOMException('timed out', 'TimeoutError'));
  }
}
