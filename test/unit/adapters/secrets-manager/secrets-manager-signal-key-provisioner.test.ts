import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SignalKeysSecretError } from '#adapters/secrets-manager/errors';
import { SecretsManagerSignalKeyProvisioner } from '#adapters/secrets-manager/secrets-manager-signal-key-provisioner';
import { SecretsManagerTenantSecrets } from '#adapters/secrets-manager/secrets-manager-tenant-secrets';

const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:patrol/signal-keys-AbCdEf';
const secretsManager = mockClient(SecretsManagerClient);
const client = () => new SecretsManagerClient({ region: 'ap-northeast-1' });

/** Serves the secret from memory: reads see what the last PutSecretValue wrote. */
function storedSecret(initial: string | undefined): { current: () => string | undefined } {
  let value = initial;
  secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).callsFake(async () => {
    if (value === undefined) {
      throw new ResourceNotFoundException({
        message: "can't find the specified secret value",
        $metadata: {},
      });
    }
    return { SecretString: value };
  });
  secretsManager
    .on(PutSecretValueCommand, { SecretId: SECRET_ARN })
    .callsFake(async (input: { SecretString: string }) => {
      value = input.SecretString;
      return {};
    });
  return { current: () => value };
}

afterEach(() => secretsManager.reset());

describe('SecretsManagerSignalKeyProvisioner', () => {
  it('gives each missing tenant a 32-byte key the ingest side can read, and keeps existing keys', async () => {
    const acmeKey = Buffer.alloc(32, 7).toString('base64');
    const secret = storedSecret(JSON.stringify({ 'acme-market': acmeKey }));

    const created = await new SecretsManagerSignalKeyProvisioner(client(), SECRET_ARN).ensureKeys([
      'acme-market',
      'gig-board',
      'town-forum',
    ]);

    expect(created).toEqual(['gig-board', 'town-forum']);
    const stored = JSON.parse(secret.current() ?? '{}');
    expect(stored['acme-market']).toBe(acmeKey);
    const readBack = new SecretsManagerTenantSecrets(client(), SECRET_ARN);
    const gigKey = await readBack.signalKey('gig-board');
    const forumKey = await readBack.signalKey('town-forum');
    expect(gigKey).toHaveLength(32);
    expect(Buffer.from(gigKey).equals(Buffer.from(forumKey))).toBe(false);
  });

  it('writes nothing when every tenant already has a key', async () => {
    storedSecret(JSON.stringify({ 'acme-market': Buffer.alloc(32, 1).toString('base64') }));

    const created = await new SecretsManagerSignalKeyProvisioner(client(), SECRET_ARN).ensureKeys([
      'acme-market',
    ]);

    expect(created).toEqual([]);
    expect(secretsManager.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('treats a secret that has no value yet as holding no keys', async () => {
    const secret = storedSecret(undefined);

    await new SecretsManagerSignalKeyProvisioner(client(), SECRET_ARN, () => 'a2V5'.repeat(11)).ensureKeys([
      'acme-market',
    ]);

    expect(JSON.parse(secret.current() ?? '{}')).toEqual({ 'acme-market': 'a2V5'.repeat(11) });
  });

  it('refuses a secret that is not a JSON object of keys, naming the secret and overwriting nothing', async () => {
    storedSecret('not json');

    const provisioning = new SecretsManagerSignalKeyProvisioner(client(), SECRET_ARN).ensureKeys([
      'acme-market',
    ]);

    await expect(provisioning).rejects.toBeInstanceOf(SignalKeysSecretError);
    await expect(provisioning).rejects.toThrow(SECRET_ARN);
    expect(secretsManager.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });
});
