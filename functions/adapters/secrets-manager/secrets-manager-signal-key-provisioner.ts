import { randomBytes } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { SignalKeyProvisioner } from '#ports/signal-key-provisioner';
import { SignalKeysSecretError } from './errors.ts';

/** 256-bit keys, as HMAC-SHA256 wants them. */
const KEY_BYTES = 32;

/**
 * Adds a random base64 key for each tenant missing from the signal-keys secret
 * (`{ "<tenant>": "<base64 key>" }`), leaving every existing key as it is: changing one would make
 * the tenant's stored signal hashes unmatchable.
 */
export class SecretsManagerSignalKeyProvisioner implements SignalKeyProvisioner {
  readonly #client: SecretsManagerClient;
  readonly #secretId: string;
  readonly #newKey: () => string;

  constructor(
    client: SecretsManagerClient,
    secretId: string,
    newKey: () => string = () => randomBytes(KEY_BYTES).toString('base64'),
  ) {
    this.#client = client;
    this.#secretId = secretId;
    this.#newKey = newKey;
  }

  async ensureKeys(tenants: readonly string[]): Promise<string[]> {
    const keys = await this.#read();
    const missing = [...new Set(tenants)].filter((tenant) => !Object.hasOwn(keys, tenant));
    if (missing.length === 0) return [];
    for (const tenant of missing) keys[tenant] = this.#newKey();
    await this.#client.send(
      new PutSecretValueCommand({ SecretId: this.#secretId, SecretString: JSON.stringify(keys) }),
    );
    return missing;
  }

  async #read(): Promise<Record<string, unknown>> {
    let raw: string | undefined;
    try {
      raw = (await this.#client.send(new GetSecretValueCommand({ SecretId: this.#secretId }))).SecretString;
    } catch (error) {
      // A secret created without a value has no current version yet: it holds no keys.
      if (error instanceof ResourceNotFoundException) return {};
      throw error;
    }
    if (raw === undefined) throw new SignalKeysSecretError(this.#secretId, 'expected a JSON string secret');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // The parser's message quotes the secret itself, so it is not kept as the cause.
      throw new SignalKeysSecretError(this.#secretId, 'is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new SignalKeysSecretError(this.#secretId, 'expected an object of tenant to base64 key');
    }
    return parsed as Record<string, unknown>;
  }
}
