import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SystemClock } from '#adapters/system/system-clock';
import { TenantKeyNotFoundError } from '#core/identity/errors';
import type { Clock } from '#ports/clock';
import type { TenantSecrets } from '#ports/tenant-secrets';
import { SignalKeysSecretError } from './errors.ts';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MIN_KEY_BYTES = 16;

export interface SecretsManagerTenantSecretsOptions {
  /** How long a fetched secret is reused, in seconds. */
  maxAgeSeconds?: number;
  /** After a miss, the secret is fetched again at most this often, so a new tenant works without a cold start. */
  missRefetchSeconds?: number;
  clock?: Clock;
}

/**
 * Signal keys from one Secrets Manager secret holding `{ "<tenant>": "<base64 key>" }`, read through
 * Powertools' cached SecretsProvider. A tenant absent from the secret is a TenantKeyNotFoundError.
 */
export class SecretsManagerTenantSecrets implements TenantSecrets {
  readonly #provider: SecretsProvider;
  readonly #secretId: string;
  readonly #maxAgeSeconds: number;
  readonly #missRefetchMs: number;
  readonly #clock: Clock;
  #lastMissRefetchAt = Number.NEGATIVE_INFINITY;
  #parsedFrom: string | undefined;
  #keys = new Map<string, Uint8Array>();
  #inFlight: Promise<Map<string, Uint8Array>> | undefined;

  constructor(
    client: SecretsManagerClient,
    secretId: string,
    options: SecretsManagerTenantSecretsOptions = {},
  ) {
    this.#provider = new SecretsProvider({ awsSdkV3Client: client });
    this.#secretId = secretId;
    this.#maxAgeSeconds = options.maxAgeSeconds ?? 300;
    this.#missRefetchMs = (options.missRefetchSeconds ?? 30) * 1000;
    this.#clock = options.clock ?? new SystemClock();
  }

  async signalKey(tenant: string): Promise<Uint8Array> {
    const keys = await this.#load(false);
    const key = keys.get(tenant);
    if (key !== undefined) return key;
    const now = this.#clock.now().getTime();
    if (now - this.#lastMissRefetchAt >= this.#missRefetchMs) {
      this.#lastMissRefetchAt = now;
      const refreshed = (await this.#load(true)).get(tenant);
      if (refreshed !== undefined) return refreshed;
    }
    throw new TenantKeyNotFoundError(tenant);
  }

  /** Concurrent records of one batch share a fetch; the provider's cache alone would not coalesce them. */
  #load(forceFetch: boolean): Promise<Map<string, Uint8Array>> {
    if (this.#inFlight !== undefined && !forceFetch) return this.#inFlight;
    const loading = this.#fetch(forceFetch).finally(() => {
      if (this.#inFlight === loading) this.#inFlight = undefined;
    });
    this.#inFlight = loading;
    return loading;
  }

  async #fetch(forceFetch: boolean): Promise<Map<string, Uint8Array>> {
    const raw = await this.#provider.get(this.#secretId, { maxAge: this.#maxAgeSeconds, forceFetch });
    if (typeof raw !== 'string')
      throw new SignalKeysSecretError(this.#secretId, 'expected a JSON string secret');
    if (raw !== this.#parsedFrom) {
      this.#keys = parseSignalKeys(this.#secretId, raw);
      this.#parsedFrom = raw;
    }
    return this.#keys;
  }
}

function parseSignalKeys(secretId: string, raw: string): Map<string, Uint8Array> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // The parser's message quotes the secret itself, so it is not kept as the cause.
    throw new SignalKeysSecretError(secretId, 'is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SignalKeysSecretError(secretId, 'expected an object of tenant to base64 key');
  }
  const keys = new Map<string, Uint8Array>();
  for (const [tenant, encoded] of Object.entries(parsed)) {
    const key =
      typeof encoded === 'string' && BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
    if (key === undefined || key.length < MIN_KEY_BYTES) {
      throw new SignalKeysSecretError(
        secretId,
        `the key of tenant ${tenant} is not base64 of at least ${MIN_KEY_BYTES} bytes`,
      );
    }
    keys.set(tenant, new Uint8Array(key));
  }
  return keys;
}
