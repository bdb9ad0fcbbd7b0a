import type { Clock } from '#ports/clock';

/** A clock a test moves by hand. */
export class ManualClock implements Clock {
  #now: Date;

  constructor(start: string) {
    this.#now = new Date(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  advanceDays(days: number): void {
    this.#now = new Date(this.#now.getTime() + days * 24 * 60 * 60 * 1000);
  }
}
