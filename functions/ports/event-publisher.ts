import type { PatrolEvent } from '#schemas/event';

/** Per-call options; `signal` abandons a delivery (and its retries) when the caller stops. */
export interface PublishOptions {
  signal?: AbortSignal;
}

/** Delivers verdict and enforcement events to the platform at least once; receivers de-duplicate on `eventId`. */
export interface EventPublisher {
  publish(events: readonly PatrolEvent[], options?: PublishOptions): Promise<void>;
}
