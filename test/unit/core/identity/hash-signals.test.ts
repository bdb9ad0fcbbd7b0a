import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTenantSecrets } from '#adapters/memory/memory-tenant-secrets';
import { InvalidSignalsError, TenantKeyNotFoundError } from '#core/identity/errors';
import { hashSignals } from '#core/identity/hash-signals';
import type { TenantSecrets } from '#ports/tenant-secrets';

const keys = {
  'acme-market': new Uint8Array(32).fill(7),
  'sakura-jobs': new Uint8Array(32).fill(9),
};
const secrets = new MemoryTenantSecrets(keys);
const HASHED = /^hmac-sha256:[0-9a-f]{64}$/;

/** Secrets that fail on any use, to show when the key is not needed. */
const unreachableSecrets: TenantSecrets = {
  signalKey: async (tenant) => {
    throw new TenantKeyNotFoundError(tenant);
  },
};

describe('hashSignals', () => {
  it('returns the same hash for the same signal of one tenant when the formatting differs', async () => {
    const first = await hashSignals('acme-market', { email: ' Hanako.Yamada@Example.JP ' }, secrets);
    const second = await hashSignals('acme-market', { email: 'hanako.yamada@example.jp' }, secrets);

    expect(first.email).toMatch(HASHED);
    expect(first.email).toBe(second.email);
  });

  it('returns different hashes for the same signal when the tenants differ', async () => {
    const signals = { email: 'hanako@example.jp', phone: '+81 90-1234-5678', device: 'ios-7F3A' };
    const acme = await hashSignals('acme-market', signals, secrets);
    const sakura = await hashSignals('sakura-jobs', signals, secrets);

    expect(acme.email).not.toBe(sakura.email);
    expect(acme.phone).not.toBe(sakura.phone);
    expect(acme.device).not.toBe(sakura.device);
  });

  it('keeps no raw value in its output when every signal is raw', async () => {
    const signals = {
      email: 'Taro.Sato@example.com',
      phone: '+81 80-9876-5432',
      device: 'android-1a2b3c4d',
      paymentFingerprint: 'card_4242_visa_tokyo',
      ipPrefix: '203.0.113.0/24',
    };
    const hashed = await hashSignals('acme-market', signals, secrets);
    const serialised = JSON.stringify(hashed);

    expect(Object.keys(hashed).sort()).toEqual(Object.keys(signals).sort());
    for (const value of Object.values(hashed)) expect(value).toMatch(HASHED);
    for (const raw of [...Object.values(signals), 'taro.sato@example.com', '818098765432', '203.0.113']) {
      expect(serialised).not.toContain(raw);
    }
  });

  it('matches the hash a platform computes itself from the canonical form and the tenant key', async () => {
    const hashed = await hashSignals(
      'acme-market',
      { email: 'Ken@Example.com', phone: '+1 (415) 555-0100' },
      secrets,
    );
    const platformHash = (value: string) =>
      `hmac-sha256:${createHmac('sha256', keys['acme-market']).update(value).digest('hex')}`;

    expect(hashed.email).toBe(platformHash('ken@example.com'));
    expect(hashed.phone).toBe(platformHash('14155550100'));
  });

  it('passes pre-hashed values through without needing the tenant key', async () => {
    const preHashed = `hmac-sha256:${'ab12'.repeat(16)}`;
    const hashed = await hashSignals(
      'unknown-tenant',
      { email: preHashed, device: ` ${preHashed.toUpperCase().replace('HMAC-SHA256', 'hmac-sha256')} ` },
      unreachableSecrets,
    );

    expect(hashed).toEqual({ email: preHashed, device: preHashed });
  });

  it('links phone numbers written in international, 00-prefixed and full-width forms', async () => {
    const forms = [
      '+81 90-1234-5678',
      '0081 90 1234 5678',
      '＋８１ ９０－１２３４－５６７８',
      '+81(90)1234.5678',
    ];
    const hashes = await Promise.all(forms.map((phone) => hashSignals('acme-market', { phone }, secrets)));

    expect(new Set(hashes.map((hashed) => hashed.phone)).size).toBe(1);
  });

  it('keeps device, payment and IP prefix values apart when they differ only in case', async () => {
    const lower = await hashSignals('acme-market', { device: 'abc-def', ipPrefix: '2001:db8::/48' }, secrets);
    const upper = await hashSignals('acme-market', { device: 'ABC-DEF', ipPrefix: '2001:DB8::/48' }, secrets);

    expect(lower.device).not.toBe(upper.device);
    expect(lower.ipPrefix).not.toBe(upper.ipPrefix);
  });

  it('refuses every malformed signal by name when phone and e-mail are malformed, without echoing them', async () => {
    const attempt = hashSignals('acme-market', { phone: '090-1234-5678', email: 'not-an-address' }, secrets);

    await expect(attempt).rejects.toBeInstanceOf(InvalidSignalsError);
    const error = (await attempt.catch((caught: unknown) => caught)) as InvalidSignalsError;
    expect(error.problems.map((problem) => problem.signal).sort()).toEqual(['email', 'phone']);
    expect(error.message).toContain('country code');
    expect(error.message).not.toContain('090-1234-5678');
    expect(error.message).not.toContain('not-an-address');
  });

  it('fails with TenantKeyNotFoundError when a raw signal arrives for a tenant without a key', async () => {
    await expect(hashSignals('unknown-tenant', { device: 'ios-1' }, secrets)).rejects.toBeInstanceOf(
      TenantKeyNotFoundError,
    );
  });

  it('returns one hash for any casing and surrounding space of an e-mail address', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.emailAddress(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
        fc.constantFrom('', ' ', '\t', '  '),
        async (email, upper, padding) => {
          const recased = [...email].map((char, index) =>
            upper[index % upper.length] ? char.toUpperCase() : char,
          );
          const [plain, variant] = await Promise.all([
            hashSignals('acme-market', { email: email.toLowerCase() }, secrets),
            hashSignals('acme-market', { email: `${padding}${recased.join('')}${padding}` }, secrets),
          ]);
          expect(variant.email).toBe(plain.email);
        },
      ),
      { numRuns: 100 },
    );
  });
});
