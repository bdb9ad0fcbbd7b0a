/** Supplies each tenant's HMAC key for hashing identity signals; keys never leave this port raw. */
export interface TenantSecrets {
  signalKey(tenant: string): Promise<Uint8Array>;
}
