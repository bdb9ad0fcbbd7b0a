import { type Principal, PrincipalSchema, type Role } from '#schemas/principal';
import { UnauthenticatedError } from './http-errors.ts';

/** The claim holding the user's tenant, a Cognito custom attribute. */
export const TENANT_CLAIM = 'custom:tenant';
/** The claim listing the user's Cognito groups. */
export const GROUPS_CLAIM = 'cognito:groups';

const RANK: readonly Role[] = ['admin', 'lead', 'moderator'];

/**
 * The principal of verified JWT claims, Cognito's names: `sub`, `custom:tenant`, and `cognito:groups`
 * as an array or as API Gateway passes it (`[moderator lead]`); the highest group is the role.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>>): Principal {
  const rawGroups = claims[GROUPS_CLAIM];
  const groups = Array.isArray(rawGroups)
    ? rawGroups.map(String)
    : typeof rawGroups === 'string'
      ? rawGroups.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  const role = RANK.find((candidate) => groups.includes(candidate));
  const parsed = PrincipalSchema.safeParse({ userId: claims.sub, tenant: claims[TENANT_CLAIM], role });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'token';
    throw new UnauthenticatedError(
      `the token carries no valid ${field === 'role' ? 'moderator, lead or admin group' : field}`,
    );
  }
  return parsed.data;
}
