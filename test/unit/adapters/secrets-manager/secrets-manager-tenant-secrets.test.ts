import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SignalKeysSecretError } from '#adapters/secrets-manager/errors';
import { SecretsManagerTenantSecrets } from '#adapters/secrets-manager/secrets-manager-tenant-secrets';
import { TenantKeyNotFoundError } from '#core/identity/errors';

const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:patrol/signal-keys-AbCdEf';
const acmeKey = Buffer.alloc(32, 1);
const sakuraKey = Buffer.alloc(32, 2);
const secretsManager = mockClient(SecretsManagerClient);

function secretString(keys: Record<string, Buffer | string>): { SecretString: string } {
  const encoded = Object.entries(keys).map(([tenant, key]) => [
    tenant,
    typeof key === 'string' ? key : key.toString('base64'),
  ]);
  return { SecretString: JSON.stringify(Object.fromEntries(encoded)) };
}

function adapter(options: ConstructorParameters<typeof SecretsManagerTenantSecrets>[2] = {}) {
  return new SecretsManagerTenantSecrets(
    new SecretsManagerClient({ region: 'ap-northeast-1' }),
    SECRET_ARN,
    options,
  );
}

afterEach(() => secretsManager.reset());

describe('SecretsManagerTenantSecrets', () => {
  it('returns each tenant key from the one secret when the tenants are listed in it', async () => {
    secretsManager
      .on(GetSecretValueCommand, { SecretId: SECRET_ARN })
      .resolves(secretString({ 'acme-market': acmeKey, 'sakura-jobs': sakuraKey }));
    const secrets = adapter();

    expect(Buffer.from(await secrets.signalKey('acme-market'))).toEqual(acmeKey);
    expect(Buffer.from(await secrets.signalKey('sakura-jobs'))).toEqual(sakuraKey);
  });

  it('reads the secret once for many messages when the cache is fresh', async () => {
    secretsManager.on(GetSecretValueCommand).resolves(secretString({ 'acme-market': acmeKey }));
    const secrets = adapter();

    await Promise.all(Array.from({ length: 5 }, () => secrets.signalKey('acme-market')));
    await secrets.signalKey('acme-market');

    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('finds a tenant added to the secret after it was cached when the tenant first appears', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce(secretString({ 'acme-market': acmeKey }))
      .resolves(secretString({ 'acme-market': acmeKey, 'sakura-jobs': sakuraKey }));
    const secrets = adapter();
    await secrets.signalKey('acme-market');

    expect(Buffer.from(await secrets.signalKey('sakura-jobs'))).toEqual(sakuraKey);
  });

  it('refuses an unknown tenant with TenantKeyNotFoundError naming it and re-reads at most once per interval', async () => {
    secretsManager.on(GetSecretValueCommand).resolves(secretString({ 'acme-market': acmeKey }));
    const secrets = adapter();

    for (let attempt = 0; attempt < 3; attempt += 1) {
      const error = await secrets.signalKey('ghost-shop').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TenantKeyNotFoundError);
      expect((error as Error).message).toContain('ghost-shop');
    }
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('fails with SignalKeysSecretError naming the tenant when its key is not base64 of a real key', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves(secretString({ 'acme-market': acmeKey, 'sakura-jobs': 'short' }));

    const error = await adapter()
      .signalKey('acme-market')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SignalKeysSecretError);
    expect((error as Error).message).toContain('sakura-jobs');
    expect((error as Error).message).not.toContain('short');
  });

  it('fails without quoting the secret when it is not JSON', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'acme-market=c2VjcmV0' });

    const error = await adapter()
      .signalKey('acme-market')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SignalKeysSecretError);
    expect(
      JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause) }),
    ).not.toContain('c2VjcmV0');
  });

  it('passes the service error on when the secret cannot be read', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(
      new ResourceNotFoundException({
        message: 'Secrets Manager can not find the specified secret.',
        $metadata: {},
      }),
    );

    await expect(adapter().signalKey('acme-market')).rejects.not.toBeInstanceOf(TenantKeyNotFoundError);
  });
});
