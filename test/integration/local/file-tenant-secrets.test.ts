import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTenantSecrets } from '#local/file-tenant-secrets';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'patrol-secrets-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('FileTenantSecrets', () => {
  it('gives back the same key after a restart when the data folder is kept', async () => {
    const first = await new FileTenantSecrets(dataDir).signalKey('acme-market');
    const afterRestart = await new FileTenantSecrets(dataDir).signalKey('acme-market');

    expect(first.length).toBe(32);
    expect(Buffer.from(afterRestart)).toEqual(Buffer.from(first));
  });

  it('keeps the keys file readable by its owner only when it creates it', async () => {
    await new FileTenantSecrets(dataDir).signalKey('acme-market');

    const { mode } = await stat(join(dataDir, 'secrets.json'));
    expect(mode & 0o777).toBe(0o600);
  });

  it('generates different keys for different tenants when each is first used', async () => {
    const secrets = new FileTenantSecrets(dataDir);

    const acme = await secrets.signalKey('acme-market');
    const sakura = await secrets.signalKey('sakura-jobs');

    expect(Buffer.from(acme)).not.toEqual(Buffer.from(sakura));
  });

  it('hands out one key when a tenant is first used by many messages at once', async () => {
    const secrets = new FileTenantSecrets(dataDir);

    const keys = await Promise.all(Array.from({ length: 10 }, () => secrets.signalKey('acme-market')));
    const afterRestart = await new FileTenantSecrets(dataDir).signalKey('acme-market');

    expect(new Set([...keys, afterRestart].map((key) => Buffer.from(key).toString('hex'))).size).toBe(1);
  });

  it('keeps keys of two processes sharing the folder when both add tenants', async () => {
    const server = new FileTenantSecrets(dataDir);
    const cli = new FileTenantSecrets(dataDir);
    const acme = await server.signalKey('acme-market');
    await cli.signalKey('sakura-jobs');
    await server.signalKey('kobe-dating');

    const restarted = new FileTenantSecrets(dataDir);
    expect(Buffer.from(await restarted.signalKey('acme-market'))).toEqual(Buffer.from(acme));
    expect(Buffer.from(await restarted.signalKey('sakura-jobs'))).toEqual(
      Buffer.from(await cli.signalKey('sakura-jobs')),
    );
  });

  it('keeps a key only for the life of the process when it runs in memory', async () => {
    const secrets = new FileTenantSecrets();

    const key = await secrets.signalKey('acme-market');
    const afterRestart = await new FileTenantSecrets().signalKey('acme-market');

    expect(Buffer.from(await secrets.signalKey('acme-market'))).toEqual(Buffer.from(key));
    expect(Buffer.from(afterRestart)).not.toEqual(Buffer.from(key));
  });

  it('refuses a damaged keys file without quoting it', async () => {
    await writeFile(join(dataDir, 'secrets.json'), '{"acme-market": "c2VjcmV0LWtleQ==",');

    const error = await new FileTenantSecrets(dataDir)
      .signalKey('acme-market')
      .catch((caught: unknown) => caught);

    expect((error as Error).message).toContain('secrets.json');
    expect(
      JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause) }),
    ).not.toContain('c2VjcmV0LWtleQ');
  });
});
