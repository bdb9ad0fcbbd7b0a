import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { Principal } from '#schemas/principal';

/** The ways a token can be wrong, each of which the API must answer with 401. */
export type BadToken = 'expired' | 'forged' | 'alg-none' | 'wrong-audience' | 'wrong-issuer' | 'not-a-jwt';

export const BAD_TOKENS: readonly BadToken[] = [
  'expired',
  'forged',
  'alg-none',
  'wrong-audience',
  'wrong-issuer',
  'not-a-jwt',
];

/** Mints tokens as `patrol dev` does, from the key in its data folder, and every kind of bad one. */
export class TokenMint {
  readonly #key: Uint8Array;

  private constructor(key: Uint8Array) {
    this.#key = key;
  }

  /** The mint of a `patrol dev` started on `dataDir`. */
  static async forDataDir(dataDir: string): Promise<TokenMint> {
    const key = Buffer.from((await readFile(join(dataDir, 'dev-token-key'), 'utf8')).trim(), 'base64');
    return new TokenMint(key);
  }

  /** A valid token for the principal. */
  valid(principal: Principal): Promise<string> {
    return this.#sign(principal, {});
  }

  /** A token for the principal that is wrong in the given way. */
  async bad(kind: BadToken, principal: Principal): Promise<string> {
    const now = Math.floor(Date.now() / 1_000);
    switch (kind) {
      case 'expired':
        return this.#sign(principal, { issuedAt: now - 7_200, expiresAt: now - 3_600 });
      case 'forged':
        return this.#sign(principal, { key: new Uint8Array(randomBytes(32)) });
      case 'wrong-audience':
        return this.#sign(principal, { audience: 'another-app' });
      case 'wrong-issuer':
        return this.#sign(principal, { issuer: 'someone-else' });
      case 'alg-none': {
        const valid = await this.valid(principal);
        const [, payload] = valid.split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        return `${header}.${payload}.`;
      }
      case 'not-a-jwt':
        return 'let-me-in';
    }
  }

  #sign(
    principal: Principal,
    overrides: {
      key?: Uint8Array;
      issuedAt?: number;
      expiresAt?: number;
      audience?: string;
      issuer?: string;
    },
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1_000);
    return new SignJWT({ 'custom:tenant': principal.tenant, 'cognito:groups': [principal.role] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(overrides.issuer ?? 'patrol-dev')
      .setAudience(overrides.audience ?? 'patrol-moderation-api')
      .setSubject(principal.userId)
      .setIssuedAt(overrides.issuedAt ?? now)
      .setExpirationTime(overrides.expiresAt ?? now + 3_600)
      .sign(overrides.key ?? this.#key);
  }
}
