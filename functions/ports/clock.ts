/** The time source; injected so tests and the local runtime can move time. */
export interface Clock {
  now(): Date;
}
