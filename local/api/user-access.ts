import type { OffenderDependencies } from '#core/decide/author-steps';
import type { Clock } from '#ports/clock';
import type { VerdictStore } from '#ports/verdict-store';
import type { Principal, Role } from '#schemas/principal';
import { TenantSchema } from '#schemas/submission';
import { HttpRequestError, TenantMismatchError } from '#shared/http-errors';
import type { Authenticator } from '#shared/review-api';
import { ApiError, BadRequestError } from './errors.ts';
import type { ApiRequest } from './router.ts';

/** What the user routes read and write: the author ledger, its policies, verdicts and the time. */
export interface UserRoutesDependencies extends OffenderDependencies {
  verdicts: Pick<VerdictStore, 'get'>;
  clock: Clock;
  /** Without it (tests of the runtime's internals) every caller is let through. */
  authenticate?: Authenticator;
}

/**
 * The caller of a user route, checked: a token of the path's tenant (401 without one, 403 for another)
 * with one of `roles` (403 otherwise), and a well-formed tenant and user id (400 naming the field).
 */
export async function userRouteCaller(
  request: ApiRequest,
  dependencies: Pick<UserRoutesDependencies, 'authenticate'>,
  roles: readonly Role[],
): Promise<{ tenant: string; userId: string; principal: Principal | undefined }> {
  const tenant = request.params.tenant ?? '';
  const userId = request.params.userId ?? '';
  let principal: Principal | undefined;
  if (dependencies.authenticate !== undefined) {
    try {
      principal = await dependencies.authenticate(request);
      if (principal.tenant !== tenant) throw new TenantMismatchError(tenant);
    } catch (error) {
      if (error instanceof HttpRequestError)
        throw new ApiError(error.status, error.message, { cause: error });
      throw error;
    }
    if (!roles.includes(principal.role))
      throw new ApiError(
        403,
        `this needs the role ${roles.join(' or ')}; the token is a ${principal.role}'s`,
      );
  }
  const parsedTenant = TenantSchema.safeParse(tenant);
  if (!parsedTenant.success)
    throw new BadRequestError(`tenant: ${parsedTenant.error.issues[0]?.message ?? 'invalid'}`);
  if (userId.length === 0 || userId.length > 256)
    throw new BadRequestError('userId: expected 1 to 256 characters');
  return { tenant, userId, principal };
}
