import { TenantKeyNotFoundError } from '#core/identity/errors';
import type { TenantSecrets } from '#ports/tenant-secrets';

/** Signal keys held in memory, given up front; an unknown tenant is refused as on AWS. */
export class MemoryTenantSecrets implements TenantSecrets {
  readonly #keys: Map<string, Uint8Array>;

  constructor(keys: Readonly<Record<string, Uint8Array>> = {}) {
    this.#keys = new Map(Object.entries(keys));
  }

  async signalKey(tenant: string): Promise<Uint8Array> {
    const key = this.#keys.get(tenant);
    if (key === undefined) throw new TenantKeyNotFoundError(tenant);
    return key;
  }
}
