import type { VerdictEvent } from '#schemas/event';

/** Delivers verdict events to the platform at least once; receivers de-duplicate on `eventId`. */
export interface EventPublisher {
  publish(events: readonly VerdictEvent[]): Promise<void>;
}
