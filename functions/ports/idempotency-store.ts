/** Where a request with an Idempotency-Key stands. */
export type IdempotencyRecord =
  | { state: 'new' }
  | { state: 'started'; requestHash: string }
  | { state: 'completed'; requestHash: string; response: unknown };

/**
 * Remembers requests by (tenant, Idempotency-Key): `begin` claims a key for a request body's hash and
 * reports an earlier start or its stored response; `complete` stores the response to replay.
 */
export interface IdempotencyStore {
  begin(tenant: string, key: string, requestHash: string, at: Date): Promise<IdempotencyRecord>;
  complete(tenant: string, key: string, requestHash: string, response: unknown): Promise<void>;
}
