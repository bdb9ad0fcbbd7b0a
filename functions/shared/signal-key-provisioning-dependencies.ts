import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerSignalKeyProvisioner } from '#adapters/secrets-manager/secrets-manager-signal-key-provisioner';
import type { SignalKeyProvisioner } from '#ports/signal-key-provisioner';
import { ConfigurationError } from './errors.ts';

/** The same variable the ingest function reads its signal keys through. */
const SIGNAL_KEYS_SECRET_ARN = 'SIGNAL_KEYS_SECRET_ARN';

/** The signal-key provisioner's dependencies on AWS, from its environment: the signal-keys secret. */
export function createSignalKeyProvisioningDependencies(env: NodeJS.ProcessEnv = process.env): {
  provisioner: SignalKeyProvisioner;
} {
  const secretArn = env[SIGNAL_KEYS_SECRET_ARN];
  if (!secretArn) throw new ConfigurationError([SIGNAL_KEYS_SECRET_ARN]);
  return { provisioner: new SecretsManagerSignalKeyProvisioner(new SecretsManagerClient({}), secretArn) };
}
