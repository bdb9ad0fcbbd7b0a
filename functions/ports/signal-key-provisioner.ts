/** Gives every tenant a signal key, creating the missing ones; an existing key is never changed or removed. */
export interface SignalKeyProvisioner {
  /** Returns the tenants whose key was created by this call. */
  ensureKeys(tenants: readonly string[]): Promise<string[]>;
}
