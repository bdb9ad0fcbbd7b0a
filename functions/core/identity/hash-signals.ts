import { createHmac } from 'node:crypto';
import type { TenantSecrets } from '#ports/tenant-secrets';
import type { HashedSignal, SignalName } from '#schemas/submission';
import { canonicaliseSignal } from './canonical-signal.ts';
import { InvalidSignalError, InvalidSignalsError } from './errors.ts';

/** Identity signals after hashing: every value is `hmac-sha256:<64 hex>`. */
export type HashedSignals = Partial<Record<SignalName, HashedSignal>>;

const PRE_HASHED = /^hmac-sha256:[0-9a-f]{64}$/i;

/**
 * Hashes each raw signal with the tenant's key (HMAC-SHA256 of its canonical form); values a
 * platform already hashed pass through. The key is fetched only when a raw value needs it.
 */
export async function hashSignals(
  tenant: string,
  signals: Partial<Record<SignalName, string>> | undefined,
  secrets: TenantSecrets,
): Promise<HashedSignals> {
  const hashed: HashedSignals = {};
  const canonical = new Map<SignalName, string>();
  const problems: InvalidSignalError[] = [];
  for (const [signal, value] of Object.entries(signals ?? {}) as [SignalName, string | undefined][]) {
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (PRE_HASHED.test(trimmed)) {
      hashed[signal] = trimmed.toLowerCase() as HashedSignal;
      continue;
    }
    try {
      canonical.set(signal, canonicaliseSignal(signal, trimmed));
    } catch (error) {
      if (!(error instanceof InvalidSignalError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new InvalidSignalsError(problems);
  if (canonical.size === 0) return hashed;
  const key = await secrets.signalKey(tenant);
  for (const [signal, value] of canonical) hashed[signal] = hmacSignal(key, value);
  return hashed;
}

/** The stored form of one canonical signal under a tenant's key. */
export function hmacSignal(key: Uint8Array, canonical: string): HashedSignal {
  return `hmac-sha256:${createHmac('sha256', key).update(canonical, 'utf8').digest('hex')}` as HashedSignal;
}
