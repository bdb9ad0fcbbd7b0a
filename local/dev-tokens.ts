import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import type { Principal, Role } from '#schemas/principal';
import { UnauthenticatedError } from '#shared/http-errors';
import { GROUPS_CLAIM, principalFromClaims, TENANT_CLAIM } from '#shared/principal-claims';
import { type Authenticator, bearerToken } from '#shared/review-api';

const KEY_FILE = 'dev-token-key';
const ISSUER = 'patrol-dev';
/** Who the tokens are for, as the Cognito app client is on AWS: a token minted for anything else is refused. */
const AUDIENCE = 'patrol-moderation-api';
const ALGORITHM = 'HS256';

/** The demo users `patrol dev` prints a token for, one per role, of the first demo tenant. */
export const DEV_PRINCIPALS: Readonly<Record<Role, Principal>> = {
  moderator: { userId: 'mod-aiko', tenant: 'acme-market', role: 'moderator' },
  lead: { userId: 'lead-mina', tenant: 'acme-market', role: 'lead' },
  admin: { userId: 'admin-ops', tenant: 'acme-market', role: 'admin' },
};

/**
 * The key dev tokens are signed with: kept in the data folder (readable by its owner only) so tokens
 * outlive a restart; a fresh one per run without a data folder.
 */
export async function loadDevTokenKey(dataDir: string | undefined): Promise<Uint8Array> {
  if (dataDir === undefined) return randomBytes(32);
  const path = join(dataDir, KEY_FILE);
  try {
    const stored = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}

/** A dev token with Cognito's claim names, so the same principal parsing serves both. */
export function signDevToken(key: Uint8Array, principal: Principal, now = new Date()): Promise<string> {
  return new SignJWT({ [TENANT_CLAIM]: principal.tenant, [GROUPS_CLAIM]: [principal.role] })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.userId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + 30 * 24 * 60 * 60)
    .sign(key);
}

/** Verifies a request's bearer dev token and returns its principal; anything else is 401. */
export function devTokenAuthenticator(key: Uint8Array): Authenticator {
  return async (request) => {
    const token = bearerToken(request);
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: [ALGORITHM],
      }));
    } catch (error) {
      throw new UnauthenticatedError('the token does not verify', { cause: error });
    }
    return principalFromClaims(claims);
  };
}
